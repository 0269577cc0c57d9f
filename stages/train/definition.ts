import {Type, type Static} from '@sinclair/typebox';
import {defineStage} from '../../runner/stage-definition.js';
import {BackendParam} from '../backend-param.js';

const literals = <T extends string>(values: readonly T[], fallback?: T) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    fallback === undefined ? {} : {default: fallback},
  );

/** `with:` of a `train` stage; every key optional but `model`. */
export const TrainParams = Type.Object(
  {
    model: literals(['cnn', 'resnet50', 'face-xception', 'svm'] as const),
    backend: BackendParam,
    // cnn
    conv_layers: Type.Integer({minimum: 1, maximum: 8, default: 2}),
    filters: Type.Optional(
      Type.Union([
        Type.Integer({minimum: 1}),
        Type.Array(Type.Integer({minimum: 1}), {minItems: 1, maxItems: 8}),
      ]),
    ),
    kernel_size: Type.Integer({minimum: 1, maximum: 11, default: 3}),
    pooling: literals(['max', 'avg'] as const, 'max'),
    dropout: Type.Number({minimum: 0, maximum: 0.9, default: 0}),
    batch_norm: Type.Boolean({default: false}),
    // dense head (every tfjs model)
    head_layers: Type.Integer({minimum: 0, maximum: 4, default: 1}),
    head_units: Type.Integer({minimum: 1, default: 128}),
    head_dropout: Type.Number({minimum: 0, maximum: 0.9, default: 0.3}),
    // resnet50
    weights: Type.Optional(Type.String({minLength: 1})),
    fine_tune_blocks: Type.Integer({minimum: 0, maximum: 16, default: 0}),
    fine_tune_lr: Type.Number({exclusiveMinimum: 0, default: 1e-5}),
    // training loop
    optimizer: literals(
      ['adam', 'sgd', 'rmsprop', 'momentum'] as const,
      'adam',
    ),
    lr: Type.Number({exclusiveMinimum: 0, default: 1e-3}),
    lr_schedule: literals(['constant', 'step', 'cosine'] as const, 'constant'),
    batch_size: Type.Integer({minimum: 1, default: 32}),
    epochs: Type.Integer({minimum: 1, default: 10}),
    patience: Type.Integer({minimum: 0, default: 5}),
    restore_best: Type.Boolean({default: true}),
    class_weights: literals(['none', 'balanced'] as const, 'none'),
    fraction: Type.Number({exclusiveMinimum: 0, maximum: 1, default: 1}),
    workers: Type.Integer({minimum: 0, maximum: 16, default: 0}),
    seed: Type.Optional(Type.Integer()),
    // svm
    svm_c: Type.Array(Type.Number({exclusiveMinimum: 0}), {
      minItems: 1,
      default: [1, 10, 100],
    }),
    svm_kernels: Type.Array(literals(['linear', 'rbf', 'poly'] as const), {
      minItems: 1,
      default: ['linear', 'rbf', 'poly'],
    }),
    svm_gamma: Type.Array(literals(['scale', 'auto'] as const), {
      minItems: 1,
      default: ['scale', 'auto'],
    }),
    folds: Type.Integer({minimum: 2, default: 10}),
    grid_search: Type.Boolean({default: true}),
  },
  {additionalProperties: false},
);

export type TrainParams = Static<typeof TrainParams>;

/**
 * `train`: fits a CNN from scratch, ResNet-50 (transfer learning), a dense
 * head on frozen face-xception features, or an SVM; writes the model and
 * per-epoch metrics.
 */
export const trainStage = defineStage({
  name: 'train',
  version: 1,
  description:
    'Train a CNN, ResNet-50, a head on face-xception features, or an SVM',
  params: TrainParams,
  inputs: {
    train: {type: 'images', optional: true, description: 'training images'},
    val: {type: 'images', optional: true, description: 'validation images'},
    features: {
      type: 'features',
      optional: true,
      description: 'frozen-backbone features of the training images',
    },
    val_features: {
      type: 'features',
      optional: true,
      description: 'frozen-backbone features of the validation images',
    },
  },
  outputs: {
    model: {type: 'model', description: 'the trained model'},
    metrics: {type: 'metrics', description: 'per-epoch and final metrics'},
  },
  lane: 'accelerator',
  laneFor: (params) => (params.model === 'svm' ? 'cpu' : 'accelerator'),
  load: () => import('./run.js'),
});
