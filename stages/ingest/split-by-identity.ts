import {createRandom} from '../seeded-random.js';
import type {SplitName} from './source-item.js';

export interface SplitRatios {
  readonly train: number;
  readonly val: number;
  readonly test: number;
}

interface Labelled {
  readonly label: string;
  readonly identity: string;
}

const SPLITS: readonly SplitName[] = ['train', 'val', 'test'];

/**
 * Assigns every identity to one split, so no person appears in two, and
 * keeps each label's share close to the ratios: identities, in a seeded
 * order, go to the split whose labels lag furthest behind their target.
 */
export function splitByIdentity<T extends Labelled>(
  items: readonly T[],
  ratios: SplitRatios,
  seed: number,
): Record<SplitName, T[]> {
  const people = groupBy(items, (item) => item.identity);
  const totals = countLabels(items);
  const have: Record<SplitName, Map<string, number>> = {
    train: new Map(),
    val: new Map(),
    test: new Map(),
  };
  const out: Record<SplitName, T[]> = {train: [], val: [], test: []};
  const order = createRandom(seed).shuffle([...people.keys()].sort());
  // Larger groups first, so the small ones can even out the shares.
  order.sort(
    (a, b) => (people.get(b)?.length ?? 0) - (people.get(a)?.length ?? 0),
  );
  for (const identity of order) {
    const group = people.get(identity) ?? [];
    const split = mostBehind(group, ratios, totals, have);
    for (const item of group) {
      out[split].push(item);
      have[split].set(item.label, (have[split].get(item.label) ?? 0) + 1);
    }
  }
  return out;
}

function mostBehind(
  group: readonly Labelled[],
  ratios: SplitRatios,
  totals: ReadonlyMap<string, number>,
  have: Readonly<Record<SplitName, Map<string, number>>>,
): SplitName {
  let best: SplitName = 'train';
  let bestScore = -Infinity;
  for (const split of SPLITS) {
    if (ratios[split] <= 0) continue;
    let score = 0;
    for (const {label} of group) {
      const total = totals.get(label) ?? 1;
      score += (ratios[split] * total - (have[split].get(label) ?? 0)) / total;
    }
    if (score > bestScore) [best, bestScore] = [split, score];
  }
  return best;
}

/**
 * A stratified share of `items`: `fraction` of each label (at least one
 * where the label has any), chosen with the seed, in the original order.
 */
export function stratifiedFraction<T extends Labelled>(
  items: readonly T[],
  fraction: number,
  seed: number,
): T[] {
  if (fraction >= 1) return [...items];
  const random = createRandom(seed);
  const keep = new Set<T>();
  for (const members of groupBy(items, (item) => item.label).values()) {
    const count = Math.max(1, Math.round(fraction * members.length));
    for (const item of random.shuffle([...members]).slice(0, count)) {
      keep.add(item);
    }
  }
  return items.filter((item) => keep.has(item));
}

function groupBy<T>(
  items: readonly T[],
  key: (item: T) => string,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const list = groups.get(name) ?? [];
    list.push(item);
    groups.set(name, list);
  }
  return groups;
}

function countLabels(items: readonly Labelled[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const {label} of items) counts.set(label, (counts.get(label) ?? 0) + 1);
  return counts;
}
