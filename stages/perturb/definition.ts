import {Type, type Static} from '@sinclair/typebox';
import {defineStage} from '../../runner/stage-definition.js';
import {literals} from '../visualize/definition.js';

export const PerturbParamsSchema = Type.Object(
  {
    method: literals(['noise', 'fgsm', 'pgd'] as const),
    variance: Type.Optional(
      Type.Number({
        minimum: 0,
        description: 'Gaussian noise variance, [0, 1] pixels.',
      }),
    ),
    repeat: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'Repeat index: a different noise draw.',
      }),
    ),
    seed: Type.Optional(Type.Integer({minimum: 0})),
    epsilon: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description: 'Attack budget, [0, 1] pixels.',
      }),
    ),
    iterations: Type.Optional(Type.Integer({minimum: 1, maximum: 1000})),
    step: Type.Optional(Type.Number({exclusiveMinimum: 0, maximum: 1})),
    batch_size: Type.Optional(Type.Integer({minimum: 1, maximum: 1024})),
  },
  {additionalProperties: false},
);

export type PerturbParams = Static<typeof PerturbParamsSchema>;

/**
 * Degrades an image set for robustness studies: Gaussian noise at a
 * variance (seeded, one draw per `repeat`), or white-box attacks (FGSM,
 * PGD) with gradients from the trained model. Pixels stay uint8, so a
 * change below half a grey level (epsilon < 1/510) rounds away, as it
 * would in any saved image.
 */
export const perturbStage = defineStage({
  name: 'perturb',
  version: 1,
  description: 'Gaussian noise or FGSM/PGD attacks on an image set.',
  params: PerturbParamsSchema,
  inputs: {
    images: {type: 'images'},
    model: {
      type: 'model',
      optional: true,
      description: 'The attacked model (fgsm and pgd).',
    },
  },
  outputs: {images: {type: 'images'}},
  lane: 'cpu',
  laneFor: (params) => (params.method === 'noise' ? 'cpu' : 'accelerator'),
  load: async () => import('./run.js'),
});
