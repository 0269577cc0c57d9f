import {classCounts, type LabeledSet} from './labeled-set.js';

/**
 * Keras-style balanced weights, `n / (classes * n_c)`: every class adds
 * the same total to the loss however rare it is. Absent classes get 0.
 */
export function balancedClassWeights(set: LabeledSet): number[] {
  const total = set.labels.length;
  return classCounts(set).map((count) =>
    count === 0 ? 0 : total / (set.classes * count),
  );
}
