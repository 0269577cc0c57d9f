import type {LabeledSet} from '../../engine/training/labeled-set.js';
import {
  createRandom,
  shuffledIndices,
} from '../../engine/training/seeded-random.js';

/**
 * A seeded subset with `fraction` of each class (at least one example
 * per class present), in the original order: the `fraction` sweep.
 */
export function stratifiedSubset(
  set: LabeledSet,
  fraction: number,
  seed: number,
): LabeledSet {
  if (fraction >= 1) return set;
  const random = createRandom(seed);
  const kept: number[] = [];
  for (let label = 0; label < set.classes; label++) {
    const members = indicesOf(set.labels, label);
    const order = shuffledIndices(members.length, random);
    const take = Math.max(1, Math.round(members.length * fraction));
    for (const i of order.subarray(0, take)) kept.push(members[i] as number);
  }
  return pick(
    set,
    kept.sort((a, b) => a - b),
  );
}

function indicesOf(labels: Int32Array, label: number): number[] {
  const found: number[] = [];
  labels.forEach((value, i) => {
    if (value === label) found.push(i);
  });
  return found;
}

/** The examples at `indices` as a new set. */
export function pick(set: LabeledSet, indices: readonly number[]): LabeledSet {
  const size = set.sampleShape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(indices.length * size);
  indices.forEach((at, i) => {
    x.set(set.x.subarray(at * size, (at + 1) * size), i * size);
  });
  const labels = Int32Array.from(indices, (at) => set.labels[at] as number);
  return {...set, x, labels};
}
