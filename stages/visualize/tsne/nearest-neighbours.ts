/**
 * The k nearest neighbours of every row of a dense `count x dim` matrix,
 * by squared Euclidean distance, nearest first.
 */
export interface Neighbours {
  readonly count: number;
  readonly k: number;
  /** `count x k` row indices. */
  readonly indices: Int32Array;
  /** `count x k` squared distances, matching `indices`. */
  readonly distances: Float64Array;
}

/**
 * Exact k-nearest neighbours by brute force over each pair once (both
 * rows' heaps are fed from one distance), which beats tree searches in
 * the 100+ dimensions of learned features. O(n^2 d) multiply-adds; a few
 * seconds for 4,900 x 256.
 */
export function nearestNeighbours(
  data: Float32Array,
  count: number,
  dim: number,
  k: number,
): Neighbours {
  if (k >= count) {
    throw new Error(
      `t-SNE needs more points (${count}) than neighbours (${k}); ` +
        'lower the perplexity',
    );
  }
  const heaps = new NeighbourHeaps(count, k);
  const norms = squaredNorms(data, count, dim);
  for (let i = 0; i < count; i++) {
    const rowI = i * dim;
    for (let j = i + 1; j < count; j++) {
      const distance =
        (norms[i] ?? 0) + (norms[j] ?? 0) - 2 * dot(data, rowI, j * dim, dim);
      const clamped = distance > 0 ? distance : 0;
      heaps.offer(i, j, clamped);
      heaps.offer(j, i, clamped);
    }
  }
  return heaps.sorted();
}

function squaredNorms(
  data: Float32Array,
  count: number,
  dim: number,
): Float64Array {
  const norms = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    norms[i] = dot(data, i * dim, i * dim, dim);
  }
  return norms;
}

function dot(data: Float32Array, a: number, b: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < dim; d += 4) {
    s0 += (data[a + d] as number) * (data[b + d] as number);
    s1 += (data[a + d + 1] as number) * (data[b + d + 1] as number);
    s2 += (data[a + d + 2] as number) * (data[b + d + 2] as number);
    s3 += (data[a + d + 3] as number) * (data[b + d + 3] as number);
  }
  for (; d < dim; d++) {
    s0 += (data[a + d] as number) * (data[b + d] as number);
  }
  return s0 + s1 + s2 + s3;
}

/** One bounded max-heap per row: the worst kept neighbour sits on top. */
class NeighbourHeaps {
  readonly #k: number;
  readonly #count: number;
  readonly #indices: Int32Array;
  readonly #distances: Float64Array;
  readonly #sizes: Int32Array;

  constructor(count: number, k: number) {
    this.#count = count;
    this.#k = k;
    this.#indices = new Int32Array(count * k);
    this.#distances = new Float64Array(count * k);
    this.#sizes = new Int32Array(count);
  }

  offer(row: number, neighbour: number, distance: number): void {
    const base = row * this.#k;
    const size = this.#sizes[row] as number;
    if (size < this.#k) {
      this.#siftUp(base, size, neighbour, distance);
      this.#sizes[row] = size + 1;
    } else if (distance < (this.#distances[base] as number)) {
      this.#siftDown(base, neighbour, distance);
    }
  }

  /** Every row's neighbours, nearest first. */
  sorted(): Neighbours {
    const k = this.#k;
    for (let row = 0; row < this.#count; row++) {
      const base = row * k;
      const order = Array.from({length: k}, (_, index) => index).sort(
        (a, b) =>
          (this.#distances[base + a] as number) -
          (this.#distances[base + b] as number),
      );
      const indices = order.map((o) => this.#indices[base + o] as number);
      const distances = order.map((o) => this.#distances[base + o] as number);
      this.#indices.set(indices, base);
      this.#distances.set(distances, base);
    }
    return {
      count: this.#count,
      k,
      indices: this.#indices,
      distances: this.#distances,
    };
  }

  #siftUp(base: number, at: number, neighbour: number, distance: number) {
    let child = at;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if ((this.#distances[base + parent] as number) >= distance) {
        break;
      }
      this.#move(base, parent, child);
      child = parent;
    }
    this.#indices[base + child] = neighbour;
    this.#distances[base + child] = distance;
  }

  #siftDown(base: number, neighbour: number, distance: number) {
    const k = this.#k;
    let parent = 0;
    for (;;) {
      let child = 2 * parent + 1;
      if (child >= k) {
        break;
      }
      const right = child + 1;
      if (
        right < k &&
        (this.#distances[base + right] as number) >
          (this.#distances[base + child] as number)
      ) {
        child = right;
      }
      if ((this.#distances[base + child] as number) <= distance) {
        break;
      }
      this.#move(base, child, parent);
      parent = child;
    }
    this.#indices[base + parent] = neighbour;
    this.#distances[base + parent] = distance;
  }

  #move(base: number, from: number, to: number): void {
    this.#indices[base + to] = this.#indices[base + from] as number;
    this.#distances[base + to] = this.#distances[base + from] as number;
  }
}
