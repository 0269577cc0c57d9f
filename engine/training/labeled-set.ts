import * as tf from '@tensorflow/tfjs';

/**
 * Examples in memory: `x` holds `count` samples of `sampleShape` floats
 * each, row after row (images as HWC, features as vectors).
 */
export interface LabeledSet {
  readonly x: Float32Array;
  readonly sampleShape: readonly number[];
  readonly labels: Int32Array;
  readonly classes: number;
}

export function sampleSize(set: LabeledSet): number {
  return set.sampleShape.reduce((a, b) => a * b, 1);
}

/** The samples at `indices` as one batch tensor and one-hot labels. */
export function batchTensors(
  set: LabeledSet,
  indices: ArrayLike<number>,
): {x: tf.Tensor; y: tf.Tensor2D; labels: tf.Tensor1D} {
  const size = sampleSize(set);
  const x = new Float32Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const at = indices[i] as number;
    x.set(set.x.subarray(at * size, (at + 1) * size), i * size);
    labels[i] = set.labels[at] as number;
  }
  const labelTensor = tf.tensor1d(labels, 'int32');
  return {
    x: tf.tensor(x, [indices.length, ...set.sampleShape]),
    y: tf.oneHot(labelTensor, set.classes).toFloat() as tf.Tensor2D,
    labels: labelTensor,
  };
}

/** Counts of each class, for class weights and stratified subsets. */
export function classCounts(set: LabeledSet): number[] {
  const counts = new Array<number>(set.classes).fill(0);
  for (const label of set.labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}
