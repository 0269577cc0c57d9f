import {SeededRandom} from '../../../runner/util/seeded-random.js';
import {computeAffinities, type SparseAffinities} from './affinities.js';
import {nearestNeighbours, type Neighbours} from './nearest-neighbours.js';
import {SpaceTree} from './space-tree.js';

export interface TsneOptions {
  readonly dims: 2 | 3;
  readonly perplexity: number;
  readonly seed: number;
  readonly iterations?: number;
  /** Barnes-Hut accuracy: smaller is slower and closer to exact. */
  readonly theta?: number;
  /** Called every 50 iterations; lets a stage report progress. */
  readonly onProgress?: (iteration: number, total: number) => void;
}

export interface TsneResult {
  /** `count x dims` row-major coordinates. */
  readonly embedding: Float64Array;
  /** KL(P || Q) at the end, with Z from the tree. */
  readonly divergence: number;
}

const EXAGGERATION = 12;
const EXAGGERATION_ITERATIONS = 250;
/** 250 exaggerated plus 500 plain iterations, as openTSNE does. */
export const DEFAULT_ITERATIONS = 750;

/**
 * Barnes-Hut t-SNE (van der Maaten 2014): sparse input affinities over
 * 3 x perplexity neighbours, repulsion through a quad- or octree, gradient
 * descent with momentum and per-coordinate gains. Seeded: the same input
 * and seed give the same embedding.
 */
export function runTsne(
  data: Float32Array,
  count: number,
  dim: number,
  options: TsneOptions,
): TsneResult {
  const k = Math.min(count - 1, Math.ceil(3 * options.perplexity));
  const neighbours = nearestNeighbours(data, count, dim, k);
  return embedNeighbours(neighbours, options);
}

/**
 * The optimisation alone, for callers that embed at several perplexities
 * or dimensions: neighbours are computed once for the largest perplexity.
 */
export function embedNeighbours(
  neighbours: Neighbours,
  options: TsneOptions,
): TsneResult {
  const affinities = computeAffinities(neighbours, options.perplexity);
  const optimiser = new TsneOptimiser(affinities, options);
  const total = options.iterations ?? DEFAULT_ITERATIONS;
  for (let iteration = 0; iteration < total; iteration++) {
    optimiser.step(iteration);
    if (iteration % 50 === 0) {
      options.onProgress?.(iteration, total);
    }
  }
  return {embedding: optimiser.y, divergence: optimiser.divergence()};
}

class TsneOptimiser {
  readonly y: Float64Array;
  readonly #p: SparseAffinities;
  readonly #dims: number;
  readonly #theta: number;
  readonly #rate: number;
  readonly #tree: SpaceTree;
  readonly #gradient: Float64Array;
  readonly #update: Float64Array;
  readonly #gains: Float64Array;
  readonly #repulsion: Float64Array;

  constructor(p: SparseAffinities, options: TsneOptions) {
    const size = p.count * options.dims;
    this.#p = p;
    this.#dims = options.dims;
    this.#theta = options.theta ?? 0.5;
    // Belkina et al. 2019: a rate of n / exaggeration converges quickly.
    this.#rate = Math.max(p.count / EXAGGERATION, 50);
    this.#tree = new SpaceTree(options.dims);
    this.#gradient = new Float64Array(size);
    this.#update = new Float64Array(size);
    this.#gains = new Float64Array(size).fill(1);
    this.#repulsion = new Float64Array(size);
    this.y = initialEmbedding(size, options.seed);
  }

  step(iteration: number): void {
    const early = iteration < EXAGGERATION_ITERATIONS;
    this.#computeGradient(early ? EXAGGERATION : 1);
    const momentum = early ? 0.5 : 0.8;
    for (let c = 0; c < this.y.length; c++) {
      const gradient = this.#gradient[c] as number;
      const update = this.#update[c] as number;
      let gain = this.#gains[c] as number;
      gain =
        Math.sign(gradient) !== Math.sign(update) ? gain + 0.2 : gain * 0.8;
      gain = Math.max(gain, 0.01);
      this.#gains[c] = gain;
      const next = momentum * update - this.#rate * gain * gradient;
      this.#update[c] = next;
      this.y[c] = (this.y[c] as number) + next;
    }
    centre(this.y, this.#dims);
  }

  /** KL divergence of the current embedding. */
  divergence(): number {
    const sumQ = this.#repulsive();
    const p = this.#p;
    let kl = 0;
    for (let i = 0; i < p.count; i++) {
      for (let e = p.rows[i] as number; e < (p.rows[i + 1] as number); e++) {
        const pij = p.values[e] as number;
        const q = this.#similarity(i, p.columns[e] as number) / sumQ;
        kl += pij * Math.log(Math.max(pij, 1e-12) / Math.max(q, 1e-12));
      }
    }
    return kl;
  }

  #computeGradient(exaggeration: number): void {
    const sumQ = this.#repulsive();
    this.#gradient.fill(0);
    this.#attractive(exaggeration);
    for (let c = 0; c < this.#gradient.length; c++) {
      const attraction = this.#gradient[c] as number;
      this.#gradient[c] =
        4 * (attraction - (this.#repulsion[c] as number) / sumQ);
    }
  }

  /** Fills the unnormalised repulsion per point; returns Z. */
  #repulsive(): number {
    const count = this.#p.count;
    this.#tree.build(this.y, count);
    this.#repulsion.fill(0);
    let sumQ = 0;
    for (let i = 0; i < count; i++) {
      sumQ += this.#tree.repulsion(
        this.y,
        i,
        this.#theta,
        this.#repulsion,
        i * this.#dims,
      );
    }
    return sumQ;
  }

  #attractive(exaggeration: number): void {
    const {rows, columns, values, count} = this.#p;
    const dims = this.#dims;
    const y = this.y;
    for (let i = 0; i < count; i++) {
      for (let e = rows[i] as number; e < (rows[i + 1] as number); e++) {
        const j = columns[e] as number;
        const weight =
          exaggeration * (values[e] as number) * this.#similarity(i, j);
        for (let d = 0; d < dims; d++) {
          const delta =
            (y[i * dims + d] as number) - (y[j * dims + d] as number);
          this.#gradient[i * dims + d] =
            (this.#gradient[i * dims + d] as number) + weight * delta;
        }
      }
    }
  }

  /** Student-t kernel 1 / (1 + |y_i - y_j|^2). */
  #similarity(i: number, j: number): number {
    const dims = this.#dims;
    let distance2 = 0;
    for (let d = 0; d < dims; d++) {
      const delta =
        (this.y[i * dims + d] as number) - (this.y[j * dims + d] as number);
      distance2 += delta * delta;
    }
    return 1 / (1 + distance2);
  }
}

function initialEmbedding(size: number, seed: number): Float64Array {
  const random = new SeededRandom(seed);
  const y = new Float64Array(size);
  for (let c = 0; c < size; c++) {
    y[c] = random.normal() * 1e-4;
  }
  return y;
}

function centre(y: Float64Array, dims: number): void {
  const count = y.length / dims;
  for (let d = 0; d < dims; d++) {
    let mean = 0;
    for (let i = 0; i < count; i++) {
      mean += y[i * dims + d] as number;
    }
    mean /= count;
    for (let i = 0; i < count; i++) {
      y[i * dims + d] = (y[i * dims + d] as number) - mean;
    }
  }
}
