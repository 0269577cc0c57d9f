import type {Neighbours} from './nearest-neighbours.js';

/** A symmetric sparse matrix in compressed rows, summing to one. */
export interface SparseAffinities {
  readonly count: number;
  /** `count + 1` offsets into `columns` and `values`. */
  readonly rows: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

const SEARCH_STEPS = 100;
const TOLERANCE = 1e-5;

/**
 * t-SNE input affinities: per point, a Gaussian over its neighbours whose
 * width gives the requested perplexity (binary search on the precision),
 * then symmetrised, P = (P_j|i + P_i|j) / 2n.
 */
export function computeAffinities(
  neighbours: Neighbours,
  perplexity: number,
): SparseAffinities {
  const k = Math.ceil(3 * perplexity);
  if (k > neighbours.count - 1) {
    throw new Error(
      `t-SNE at perplexity ${perplexity} needs more than ${k} points, ` +
        `found ${neighbours.count}; lower the perplexity`,
    );
  }
  if (k > neighbours.k) {
    throw new Error(`Internal error: ${neighbours.k} neighbours for ${k}`);
  }
  const conditional = new Float64Array(neighbours.count * k);
  for (let i = 0; i < neighbours.count; i++) {
    fitRow(neighbours, i, k, perplexity, conditional);
  }
  return symmetrise(neighbours, k, conditional);
}

function fitRow(
  neighbours: Neighbours,
  row: number,
  k: number,
  perplexity: number,
  out: Float64Array,
): void {
  const distances = neighbours.distances.subarray(
    row * neighbours.k,
    row * neighbours.k + k,
  );
  const target = Math.log(perplexity);
  const nearest = distances[0] ?? 0;
  let beta = 1;
  let low = -Infinity;
  let high = Infinity;
  const weights = out.subarray(row * k, (row + 1) * k);
  for (let step = 0; step < SEARCH_STEPS; step++) {
    const entropy = rowEntropy(distances, nearest, beta, weights);
    if (Math.abs(entropy - target) < TOLERANCE) {
      break;
    }
    if (entropy > target) {
      low = beta;
      beta = high === Infinity ? beta * 2 : (beta + high) / 2;
    } else {
      high = beta;
      beta = low === -Infinity ? beta / 2 : (beta + low) / 2;
    }
  }
}

/** Fills normalised weights for precision `beta`; returns their entropy. */
function rowEntropy(
  distances: Float64Array,
  nearest: number,
  beta: number,
  weights: Float64Array,
): number {
  let sum = 0;
  for (let j = 0; j < distances.length; j++) {
    // Shifting by the nearest distance keeps exp() from underflowing.
    const weight = Math.exp(-beta * ((distances[j] as number) - nearest));
    weights[j] = weight;
    sum += weight;
  }
  let entropy = 0;
  for (let j = 0; j < weights.length; j++) {
    const p = (weights[j] as number) / sum;
    weights[j] = p;
    if (p > 1e-12) {
      entropy -= p * Math.log(p);
    }
  }
  return entropy;
}

function symmetrise(
  neighbours: Neighbours,
  k: number,
  conditional: Float64Array,
): SparseAffinities {
  const count = neighbours.count;
  const entries = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    for (let m = 0; m < k; m++) {
      const j = neighbours.indices[i * neighbours.k + m] as number;
      const p = (conditional[i * k + m] as number) / (2 * count);
      addEntry(entries, i, j, count, p);
      addEntry(entries, j, i, count, p);
    }
  }
  return toCompressedRows(entries, count);
}

function addEntry(
  entries: Map<number, number>,
  row: number,
  column: number,
  count: number,
  value: number,
): void {
  const key = row * count + column;
  entries.set(key, (entries.get(key) ?? 0) + value);
}

function toCompressedRows(
  entries: Map<number, number>,
  count: number,
): SparseAffinities {
  const keys = Float64Array.from(entries.keys()).sort();
  const rows = new Int32Array(count + 1);
  const columns = new Int32Array(keys.length);
  const values = new Float64Array(keys.length);
  keys.forEach((key, position) => {
    const row = Math.floor(key / count);
    rows[row + 1] = (rows[row + 1] as number) + 1;
    columns[position] = key - row * count;
    values[position] = entries.get(key) as number;
  });
  for (let row = 0; row < count; row++) {
    rows[row + 1] = (rows[row + 1] as number) + (rows[row] as number);
  }
  return {count, rows, columns, values};
}
