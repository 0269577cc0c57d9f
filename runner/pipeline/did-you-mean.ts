/**
 * Edit distance between two strings: insertions, deletions, substitutions
 * and swaps of neighbours (`trian` is one edit from `train`), each costing 1.
 */
export function levenshtein(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({length: b.length + 1}, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current.push(editCost(a, b, i, j, {before, previous, current}));
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

interface Rows {
  readonly before: readonly number[];
  readonly previous: readonly number[];
  readonly current: readonly number[];
}

function editCost(
  a: string,
  b: string,
  i: number,
  j: number,
  rows: Rows,
): number {
  const {before, previous, current} = rows;
  const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
  const cost = Math.min(
    (previous[j] ?? 0) + 1,
    (current[j - 1] ?? 0) + 1,
    (previous[j - 1] ?? 0) + substitution,
  );
  const swapped =
    i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
  return swapped ? Math.min(cost, (before[j - 2] ?? 0) + 1) : cost;
}

/**
 * The closest candidate to a misspelt name, if one is close enough to be a
 * plausible typo (at most a third of the name's letters differ).
 */
export function closestName(
  name: string,
  candidates: Iterable<string>,
): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = levenshtein(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` Did you mean "x"?` when a close candidate exists, else ``. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const best = closestName(name, candidates);
  return best === undefined ? '' : ` Did you mean "${best}"?`;
}
