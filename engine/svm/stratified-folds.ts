import {createRandom} from '../training/seeded-random.js';

/**
 * Assigns each sample to one of `k` folds so that every fold holds about
 * the same share of each class (stratified k-fold). Samples of a class are
 * shuffled with the seed, then dealt round-robin, continuing the deal
 * across classes so fold sizes differ by at most one.
 */
export function stratifiedFolds(
  labels: ArrayLike<number>,
  k: number,
  seed: number,
): Int32Array {
  const folds = new Int32Array(labels.length);
  const random = createRandom(seed);
  let next = 0;
  for (const members of groupByLabel(labels)) {
    shuffle(members, random);
    for (const index of members) {
      folds[index] = next;
      next = (next + 1) % k;
    }
  }
  return folds;
}

/** Indices of the samples in fold `fold` (test) and the rest (train). */
export function splitFold(
  folds: Int32Array,
  fold: number,
): {train: Int32Array; test: Int32Array} {
  const train: number[] = [];
  const test: number[] = [];
  folds.forEach((assigned, index) => {
    (assigned === fold ? test : train).push(index);
  });
  return {train: Int32Array.from(train), test: Int32Array.from(test)};
}

function groupByLabel(labels: ArrayLike<number>): number[][] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? 0;
    const group = groups.get(label) ?? [];
    group.push(i);
    groups.set(label, group);
  }
  return [...groups.keys()]
    .sort((a, b) => a - b)
    .map((label) => groups.get(label) ?? []);
}

function shuffle(values: number[], random: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [values[i], values[j]] = [values[j] ?? 0, values[i] ?? 0];
  }
}
