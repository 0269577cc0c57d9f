import * as tf from '@tensorflow/tfjs';
import {batchTensors, type LabeledSet} from './labeled-set.js';

/** Gradients of one (part of a) batch and what it scored. */
export interface BatchGradients {
  readonly grads: tf.NamedTensorMap;
  /** Unweighted cross-entropy summed over the examples. */
  readonly lossSum: number;
  readonly correct: number;
  readonly count: number;
}

export interface GradientRequest {
  readonly indices: Int32Array;
  /** Examples in the whole batch: gradients of parts then simply add. */
  readonly batchSize: number;
  /** Loss weight per class; undefined weighs every example as 1. */
  readonly classWeights?: readonly number[];
}

/**
 * Forward and backward pass of `model` in training mode (dropout on,
 * batch-norm statistics updated) over the examples at `indices`.
 */
export function batchGradients(
  model: tf.LayersModel,
  set: LabeledSet,
  request: GradientRequest,
): BatchGradients {
  const registered = tf.engine().registeredVariables;
  const variables = model.trainableWeights.map((weight) => {
    const variable = registered[weight.name];
    if (variable !== undefined) return variable;
    throw new Error(`Internal error: no variable named ${weight.name}.`);
  });
  const scores = tf.tidy(() => {
    const {x, y, labels} = batchTensors(set, request.indices);
    const outcome: tf.Tensor[] = [];
    const {grads} = tf.variableGrads(() => {
      const probabilities = model.apply(x, {training: true}) as tf.Tensor2D;
      const losses = crossEntropy(probabilities, y);
      outcome.push(
        tf.keep(losses.sum()),
        tf.keep(countCorrect(probabilities, labels)),
      );
      const weights = exampleWeights(labels, request.classWeights);
      return losses.mul(weights).sum().div<tf.Scalar>(request.batchSize);
    }, variables);
    return {grads, lossSum: outcome[0], correct: outcome[1]};
  });
  return {
    grads: scores.grads,
    lossSum: readScalar(scores.lossSum),
    correct: readScalar(scores.correct),
    count: request.indices.length,
  };
}

/** Per-example cross-entropy of softmax outputs, clipped like Keras. */
export function crossEntropy(probabilities: tf.Tensor2D, y: tf.Tensor2D) {
  const clipped = probabilities.clipByValue(1e-7, 1 - 1e-7);
  return y.mul(clipped.log()).sum(1).neg() as tf.Tensor1D;
}

export function countCorrect(probabilities: tf.Tensor2D, labels: tf.Tensor1D) {
  return probabilities.argMax(1).equal(labels).sum();
}

function exampleWeights(
  labels: tf.Tensor1D,
  classWeights: readonly number[] | undefined,
): tf.Tensor {
  if (classWeights === undefined) return tf.scalar(1);
  return tf.gather(tf.tensor1d([...classWeights]), labels);
}

function readScalar(t: tf.Tensor | undefined): number {
  if (t === undefined) throw new Error('Internal error: no batch score.');
  const value = t.dataSync()[0] ?? NaN;
  t.dispose();
  return value;
}
