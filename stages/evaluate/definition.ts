import {Type, type Static} from '@sinclair/typebox';
import {defineStage} from '../../runner/stage-definition.js';
import {BackendParam} from '../backend-param.js';

/** `with:` of an `evaluate` stage. */
export const EvaluateParams = Type.Object(
  {
    group_by: Type.Optional(
      Type.Array(Type.String({minLength: 1}), {
        description:
          'attributes to score per group (gender, skin_tone, ethnicity, ' +
          'angle, session, ...); default: every attribute present',
      }),
    ),
    batch_size: Type.Integer({minimum: 1, default: 64}),
    backend: BackendParam,
  },
  {additionalProperties: false},
);

export type EvaluateParams = Static<typeof EvaluateParams>;

/**
 * `evaluate`: scores a trained model on a set of images (or their
 * features, for models that read features): overall, per class and per
 * group of every attribute, with the gaps between groups for bias
 * analysis. Keeps every prediction as an artifact.
 */
export const evaluateStage = defineStage({
  name: 'evaluate',
  version: 1,
  description: 'Score a model: accuracy, F1, confusion, per-group gaps',
  params: EvaluateParams,
  inputs: {
    model: {type: 'model', description: 'the trained model'},
    images: {type: 'images', description: 'the images to score'},
    features: {
      type: 'features',
      optional: true,
      description: 'features of the same images, for feature-input models',
    },
  },
  outputs: {
    metrics: {type: 'metrics', description: 'metrics.json'},
    predictions: {type: 'predictions', description: 'predictions.json'},
  },
  lane: 'accelerator',
  load: () => import('./run.js'),
});
