import {Type} from '@sinclair/typebox';
import type {Static} from '@sinclair/typebox';
import {defineStage} from '../../runner/stage-definition.js';

export const AugmentParams = Type.Object(
  {
    copies: Type.Integer({
      minimum: 1,
      maximum: 64,
      default: 1,
      description: 'Augmented copies made of each image.',
    }),
    keep_original: Type.Boolean({
      default: true,
      description: 'Keep each original beside its copies.',
    }),
    rotation: Type.Number({
      minimum: 0,
      maximum: 180,
      default: 10,
      description: 'Largest rotation either way, in degrees.',
    }),
    flip: Type.Boolean({
      default: true,
      description: 'Mirror left-right half of the time.',
    }),
    brightness: Type.Number({minimum: 0, maximum: 1, default: 0.2}),
    contrast: Type.Number({minimum: 0, maximum: 1, default: 0.2}),
    saturation: Type.Number({minimum: 0, maximum: 1, default: 0.2}),
    crop: Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      default: 0.85,
      description:
        'Smallest side of a random crop, as a share of the image; the ' +
        'crop is scaled back to full size (1 turns cropping off).',
    }),
    blur: Type.Number({
      minimum: 0,
      maximum: 10,
      default: 0.8,
      description: 'Largest Gaussian blur sigma, in pixels (0: none).',
    }),
    normalization: Type.Optional(
      Type.Union(
        [
          Type.Literal('unit'),
          Type.Literal('symmetric'),
          Type.Literal('imagenet'),
        ],
        {description: "How models scale pixels; default: the input's."},
      ),
    ),
    seed: Type.Optional(Type.Integer()),
    preview: Type.Integer({
      minimum: 1,
      maximum: 64,
      default: 7,
      description: 'Originals shown in the preview, each with its copies.',
    }),
  },
  {additionalProperties: false},
);

export type AugmentParams = Static<typeof AugmentParams>;

/** Seeded random image augmentation of an `images` artifact. */
export const augmentStage = defineStage({
  name: 'augment',
  version: 1,
  description:
    'Adds seeded random copies of each image: rotation, flip, brightness, ' +
    'contrast, saturation, crop and scale, blur; records normalisation.',
  params: AugmentParams,
  inputs: {images: {type: 'images', description: 'Images to augment.'}},
  outputs: {images: {type: 'images', description: 'Originals and copies.'}},
  lane: 'cpu',
  load: async () => {
    const {runAugment} = await import('./run.js');
    return {run: runAugment};
  },
});
