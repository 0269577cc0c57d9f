import path from 'node:path';
import {Type, type Static} from '@sinclair/typebox';
import {defineStage} from '../../runner/stage-definition.js';
import {BackendParam} from '../backend-param.js';

/** `with:` of a `features` stage. */
export const FeaturesParams = Type.Object(
  {
    backbone: Type.Union(
      [
        Type.Literal('face-xception'),
        Type.Literal('resnet50'),
        Type.Literal('model'),
      ],
      {default: 'face-xception'},
    ),
    weights: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'resnet50: model.json of the converted Keras weights',
      }),
    ),
    batch_size: Type.Integer({minimum: 1, default: 64}),
    backend: BackendParam,
  },
  {additionalProperties: false},
);

export type FeaturesParams = Static<typeof FeaturesParams>;

/**
 * `features`: runs images once through a frozen backbone and keeps the
 * vectors, so every head, the SVM and t-SNE reuse them: the pretrained
 * face-xception (256-d), ImageNet ResNet-50 (2048-d) or the `featureLayer`
 * of a trained model (its learned features, for t-SNE).
 */
export const featuresStage = defineStage({
  name: 'features',
  version: 1,
  description: 'Extract frozen-backbone feature vectors from images',
  params: FeaturesParams,
  inputs: {
    images: {type: 'images', description: 'the images to embed'},
    model: {
      type: 'model',
      optional: true,
      description: 'backbone: model reads this trained model',
    },
  },
  outputs: {
    features: {type: 'features', description: 'one vector per image'},
  },
  lane: 'accelerator',
  externalPaths: (params) =>
    params.backbone === 'resnet50' && params.weights !== undefined
      ? [path.dirname(params.weights)]
      : [],
  load: () => import('./run.js'),
});
