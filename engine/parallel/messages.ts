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
  readonly set: SharedSet;
  /**
   * Every weight of the model, end to end in `model.weights` order, on
   * shared memory: the trainer writes, replicas read on `weights`.
   */
  readonly weights: Float32Array;
  /** This replica's gradients, in `model.trainableWeights` order. */
  readonly grads: Float32Array;
}

/** New weights are in the shared buffer. */
export interface WeightsMessage {
  readonly kind: 'weights';
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
      /** The gradients are in the replica's shared buffer. */
      readonly kind: 'gradients';
      readonly lossSum: number;
      readonly correct: number;
      readonly count: number;
    }
  | {readonly kind: 'error'; readonly message: string};
