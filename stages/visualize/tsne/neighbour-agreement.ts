const NEIGHBOURS = 10;

/**
 * Share of each point's 10 nearest embedded neighbours that carry its
 * category, averaged: 1 when categories form separate islands, about
 * 1 / categories when the embedding ignores them.
 */
export function neighbourAgreement(
  points: Float64Array,
  dims: number,
  categories: readonly string[],
): number {
  const count = categories.length;
  const k = Math.min(NEIGHBOURS, count - 1);
  const bestDistance = new Float64Array(k);
  const bestIndex = new Int32Array(k);
  let agreeing = 0;
  for (let i = 0; i < count; i++) {
    bestDistance.fill(Infinity);
    for (let j = 0; j < count; j++) {
      if (j !== i) {
        const distance2 = squaredDistance(points, dims, i, j);
        keepNearest(bestDistance, bestIndex, j, distance2);
      }
    }
    for (const j of bestIndex) {
      agreeing += categories[j] === categories[i] ? 1 : 0;
    }
  }
  return agreeing / (count * k);
}

function squaredDistance(
  points: Float64Array,
  dims: number,
  i: number,
  j: number,
): number {
  let distance2 = 0;
  for (let d = 0; d < dims; d++) {
    const delta = (points[i * dims + d] ?? 0) - (points[j * dims + d] ?? 0);
    distance2 += delta * delta;
  }
  return distance2;
}

/** Insertion into a short sorted list, dropping the farthest. */
function keepNearest(
  distances: Float64Array,
  indices: Int32Array,
  index: number,
  distance: number,
): void {
  let at = distances.length - 1;
  if (distance >= (distances[at] ?? 0)) {
    return;
  }
  while (at > 0 && (distances[at - 1] ?? 0) > distance) {
    distances[at] = distances[at - 1] ?? 0;
    indices[at] = indices[at - 1] ?? 0;
    at--;
  }
  distances[at] = distance;
  indices[at] = index;
}
