import type {RowSource} from './libsvm.js';
import type {Kernel} from './svm-params.js';

/** A kernel with its gamma resolved to a number. */
export interface KernelSpec {
  readonly kernel: Kernel;
  readonly gamma: number;
}

/** Inner products of every pair of rows, and each row's squared norm. */
export interface Gram {
  /** `count x count`, row-major, symmetric. */
  readonly products: Float64Array;
  readonly norms: Float64Array;
  readonly count: number;
}

/**
 * X Xᵀ for rows `from..to` against the rows before them, mirrored into the
 * upper triangle. libsvm-js computes kernels on sparse (index, value)
 * nodes, an order of magnitude slower than a dense product in
 * WebAssembly; computing every inner product once here and handing libsvm
 * a precomputed kernel turns each kernel evaluation into a lookup. Threads
 * filling disjoint row ranges write disjoint cells.
 */
export function fillGramRows(
  data: Float64Array,
  dim: number,
  products: Float64Array,
  range: {readonly from: number; readonly to: number},
): void {
  const count = data.length / dim;
  for (let i = range.from; i < range.to; i++) {
    let j = 0;
    for (; j + 3 <= i; j += 4) {
      fillFour(data, dim, products, i, j);
    }
    for (; j <= i; j++) {
      const value = dot(data, i * dim, j * dim, dim);
      products[i * count + j] = value;
      products[j * count + i] = value;
    }
  }
}

// Four products of row i at once, so each value of row i is loaded once.
function fillFour(
  data: Float64Array,
  dim: number,
  products: Float64Array,
  i: number,
  j: number,
): void {
  const count = data.length / dim;
  const a = i * dim;
  const b = j * dim;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 0; k < dim; k++) {
    const x = data[a + k] ?? 0;
    s0 += x * (data[b + k] ?? 0);
    s1 += x * (data[b + dim + k] ?? 0);
    s2 += x * (data[b + 2 * dim + k] ?? 0);
    s3 += x * (data[b + 3 * dim + k] ?? 0);
  }
  const sums = [s0, s1, s2, s3];
  for (let m = 0; m < 4; m++) {
    products[i * count + j + m] = sums[m] ?? 0;
    products[(j + m) * count + i] = sums[m] ?? 0;
  }
}

/** Row ranges of equal work (the triangle's area) for `parts` threads. */
export function splitTriangle(
  count: number,
  parts: number,
): {from: number; to: number}[] {
  const edge = (p: number): number => Math.round(count * Math.sqrt(p / parts));
  return Array.from({length: parts}, (_, p) => ({
    from: edge(p),
    to: edge(p + 1),
  }));
}

/** Squared norm of each row: the diagonal of the Gram matrix. */
export function gramNorms(products: Float64Array, count: number): Float64Array {
  return Float64Array.from(
    {length: count},
    (_, i) => products[i * count + i] ?? 0,
  );
}

/** The kernel value of rows `a` and `b` from their inner products. */
export function kernelFromGram(
  spec: KernelSpec,
  gram: Gram,
): (a: number, b: number) => number {
  const {products, norms, count} = gram;
  const {gamma} = spec;
  switch (spec.kernel) {
    case 'linear':
      return (a, b) => products[a * count + b] ?? 0;
    case 'poly':
      // Degree 3, coef0 0: libsvm's and scikit-learn's defaults.
      return (a, b) => (gamma * (products[a * count + b] ?? 0)) ** 3;
    case 'rbf':
      return (a, b) =>
        Math.exp(
          -gamma *
            ((norms[a] ?? 0) +
              (norms[b] ?? 0) -
              2 * (products[a * count + b] ?? 0)),
        );
  }
}

/**
 * libsvm's precomputed-kernel rows: value 0 is the row's 1-based serial
 * number in the training set, value m is K(row, training row m).
 */
export function kernelRows(
  kernelAt: (a: number, b: number) => number,
  rows: ArrayLike<number>,
  training: ArrayLike<number>,
): RowSource {
  return {
    count: rows.length,
    dim: training.length + 1,
    fill(i, out) {
      const a = rows[i] ?? 0;
      out[0] = i + 1;
      for (let m = 0; m < training.length; m++) {
        out[m + 1] = kernelAt(a, training[m] ?? 0);
      }
    },
  };
}

/** Kernel rows of new samples against stored training rows. */
export function crossKernelRows(
  spec: KernelSpec,
  training: Float64Array,
  samples: Float64Array,
  dim: number,
): RowSource {
  const trainCount = training.length / dim;
  const trainNorms = rowNorms(training, dim);
  return {
    count: samples.length / dim,
    dim: trainCount + 1,
    fill(i, out) {
      const own = dot(samples, i * dim, i * dim, dim, samples);
      out[0] = 0;
      for (let m = 0; m < trainCount; m++) {
        const product = dot(samples, i * dim, m * dim, dim, training);
        out[m + 1] = kernelValue(spec, product, own, trainNorms[m] ?? 0);
      }
    },
  };
}

function kernelValue(
  spec: KernelSpec,
  product: number,
  normA: number,
  normB: number,
): number {
  switch (spec.kernel) {
    case 'linear':
      return product;
    case 'poly':
      return (spec.gamma * product) ** 3;
    case 'rbf':
      return Math.exp(-spec.gamma * (normA + normB - 2 * product));
  }
}

function rowNorms(data: Float64Array, dim: number): Float64Array {
  return Float64Array.from({length: data.length / dim}, (_, i) =>
    dot(data, i * dim, i * dim, dim),
  );
}

function dot(
  data: Float64Array,
  a: number,
  b: number,
  dim: number,
  other: Float64Array = data,
): number {
  let sum = 0;
  for (let k = 0; k < dim; k++) {
    sum += (data[a + k] ?? 0) * (other[b + k] ?? 0);
  }
  return sum;
}
