import type {Normalization} from './images.js';

/**
 * `model` artifact layout (a folder): a TensorFlow.js layers model
 * (`model.json` plus weight files) loadable with `tf.loadLayersModel`, and
 * `meta.json` (a {@link ModelMeta}) with what a consumer needs to feed it.
 * An SVM model has no `model.json`; its `meta.json` has kind `svm` and
 * `svm.json` holds the serialized libsvm model.
 */
export interface ModelMeta {
  readonly format: 'model/v1';
  readonly kind: 'cnn' | 'resnet50' | 'face-xception' | 'svm';
  readonly labels: readonly string[];
  /** [height, width, channels] of one input image. */
  readonly inputShape: readonly [number, number, number];
  readonly normalization: Normalization;
  /** What the model reads: raw pixels or a `features` artifact. */
  readonly input: 'pixels' | 'features';
  /** Name of the layer whose output is the learned feature vector. */
  readonly featureLayer?: string;
  readonly trainableParams: number;
}
