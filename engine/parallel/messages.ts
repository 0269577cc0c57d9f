/** Messages between the training thread and its replica workers. */

/** The training set, shared rather than copied into every worker. */
export interface SharedSet {
  readonly x: Float32Array;
  readonly labels: Int32Array;
  readonly sampleShape: readonly number[];
  readonly classes: number;
}

export interface InitMessage {
  readonly kind: 'init';
  readonly backend: string;
  /** The model's topology as `model.toJSON()` writes it. */
  readonly topology: string;
  readonly weights: Float32Array[];
  readonly set: SharedSet;
}

export interface WeightsMessage {
  readonly kind: 'weights';
  /** Every weight of the model, in `model.weights` order. */
  readonly weights: Float32Array[];
}

export interface GradientsMessage {
  readonly kind: 'gradients';
  readonly indices: Int32Array;
  readonly batchSize: number;
  readonly classWeights?: readonly number[];
}

export type ToReplica = InitMessage | WeightsMessage | GradientsMessage;

export type FromReplica =
  | {readonly kind: 'ready'}
  | {
      readonly kind: 'gradients';
      /** In `model.trainableWeights` order. */
      readonly grads: Float32Array[];
      readonly lossSum: number;
      readonly correct: number;
      readonly count: number;
    }
  | {readonly kind: 'error'; readonly message: string};
