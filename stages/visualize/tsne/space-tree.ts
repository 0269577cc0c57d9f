/** Deeper than this, coinciding points share one leaf. */
const MAX_DEPTH = 40;

/**
 * A quadtree (2-D) or octree (3-D) over the embedding, in flat typed
 * arrays, carrying each cell's centre of mass and point count: the
 * Barnes-Hut approximation of t-SNE's repulsive forces walks it.
 */
export class SpaceTree {
  readonly dims: number;
  readonly #fanout: number;
  #capacity = 0;
  #size = 0;
  // Per node: cell centre (dims), half width, centre of mass (dims), count,
  // first child (-1 for a leaf), and the point a one-point leaf holds.
  #centre = new Float64Array(0);
  #half = new Float64Array(0);
  #mass = new Float64Array(0);
  #count = new Int32Array(0);
  #child = new Int32Array(0);
  #point = new Int32Array(0);
  // A depth-first walk holds at most depth x (fanout - 1) + 1 nodes.
  readonly #stack: Int32Array;

  constructor(dims: number) {
    this.dims = dims;
    this.#fanout = 1 << dims;
    this.#stack = new Int32Array((MAX_DEPTH + 2) * this.#fanout);
  }

  /** Rebuilds the tree over `count` points stored row-major in `y`. */
  build(y: Float64Array, count: number): void {
    this.#reserve(count * 4 + 1);
    this.#size = 0;
    const root = this.#addNode();
    this.#bound(root, y, count);
    for (let i = 0; i < count; i++) {
      this.#insert(root, y, i);
    }
  }

  /**
   * Adds point i's repulsion, sum of q^2 (y_i - y_j) over j, into `force`
   * (offset `at`), using cells whose width / distance < theta as one
   * body; returns the point's share of Z, the sum of q over j.
   */
  repulsion(
    y: Float64Array,
    i: number,
    theta: number,
    force: Float64Array,
    at: number,
  ): number {
    // Locals, not fields, in the hot loop: V8 keeps them in registers.
    const dims = this.dims;
    const three = dims === 3;
    const mass = this.#mass;
    const counts = this.#count;
    const points = this.#point;
    const children = this.#child;
    const halves = this.#half;
    const stack = this.#stack;
    const fanout = this.#fanout;
    const theta2 = theta * theta;
    const y0 = y[i * dims] as number;
    const y1 = y[i * dims + 1] as number;
    const y2 = three ? (y[i * dims + 2] as number) : 0;
    let f0 = 0;
    let f1 = 0;
    let f2 = 0;
    let sumQ = 0;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top] as number;
      const count = counts[node] as number;
      if (count === 0 || points[node] === i) {
        continue;
      }
      const base = node * dims;
      const d0 = y0 - (mass[base] as number);
      const d1 = y1 - (mass[base + 1] as number);
      const d2 = three ? y2 - (mass[base + 2] as number) : 0;
      const distance2 = d0 * d0 + d1 * d1 + d2 * d2;
      const first = children[node] as number;
      const half = halves[node] as number;
      if (first === -1 || half * half < theta2 * distance2) {
        // Coinciding points (distance 0) exert no force, only count in Z.
        const bodies = first === -1 && distance2 === 0 ? count - 1 : count;
        const q = 1 / (1 + distance2);
        sumQ += bodies * q;
        const weight = bodies * q * q;
        f0 += weight * d0;
        f1 += weight * d1;
        f2 += weight * d2;
      } else {
        for (let c = 0; c < fanout; c++) {
          stack[top++] = first + c;
        }
      }
    }
    force[at] = (force[at] as number) + f0;
    force[at + 1] = (force[at + 1] as number) + f1;
    if (three) {
      force[at + 2] = (force[at + 2] as number) + f2;
    }
    return sumQ;
  }

  #bound(root: number, y: Float64Array, count: number): void {
    const dims = this.dims;
    let half = 0;
    for (let d = 0; d < dims; d++) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < count; i++) {
        const value = y[i * dims + d] as number;
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
      this.#centre[root * dims + d] = (min + max) / 2;
      half = Math.max(half, (max - min) / 2);
    }
    this.#half[root] = half * (1 + 1e-5) + 1e-5;
  }

  #insert(root: number, y: Float64Array, i: number): void {
    let node = root;
    for (let depth = 0; ; depth++) {
      this.#addMass(node, y, i);
      if (this.#child[node] !== -1) {
        node = this.#childFor(node, y, i);
        continue;
      }
      if (this.#count[node] === 1) {
        this.#point[node] = i;
        return;
      }
      const held = this.#point[node] as number;
      if (held === -1) {
        return;
      }
      if (depth >= MAX_DEPTH || samePoint(y, held, i, this.dims)) {
        // A shared leaf: it stays a body and never holds one point again.
        this.#point[node] = -1;
        return;
      }
      this.#split(node);
      const heldChild = this.#childFor(node, y, held);
      this.#addMass(heldChild, y, held);
      this.#point[heldChild] = held;
      this.#point[node] = -1;
      node = this.#childFor(node, y, i);
    }
  }

  #addMass(node: number, y: Float64Array, i: number): void {
    const dims = this.dims;
    const count = (this.#count[node] as number) + 1;
    this.#count[node] = count;
    for (let d = 0; d < dims; d++) {
      const at = node * dims + d;
      const mass = this.#mass[at] as number;
      this.#mass[at] = mass + ((y[i * dims + d] as number) - mass) / count;
    }
  }

  #childFor(node: number, y: Float64Array, i: number): number {
    const dims = this.dims;
    let code = 0;
    for (let d = 0; d < dims; d++) {
      if (
        (y[i * dims + d] as number) > (this.#centre[node * dims + d] as number)
      ) {
        code |= 1 << d;
      }
    }
    return (this.#child[node] as number) + code;
  }

  #split(node: number): void {
    const dims = this.dims;
    const half = (this.#half[node] as number) / 2;
    this.#reserve(this.#size + this.#fanout);
    const first = this.#size;
    for (let c = 0; c < this.#fanout; c++) {
      const child = this.#addNode();
      this.#half[child] = half;
      for (let d = 0; d < dims; d++) {
        const sign = (c >> d) & 1 ? 1 : -1;
        this.#centre[child * dims + d] =
          (this.#centre[node * dims + d] as number) + sign * half;
      }
    }
    this.#child[node] = first;
  }

  #addNode(): number {
    const node = this.#size++;
    this.#count[node] = 0;
    this.#child[node] = -1;
    this.#point[node] = -1;
    this.#mass.fill(0, node * this.dims, (node + 1) * this.dims);
    return node;
  }

  #reserve(nodes: number): void {
    if (nodes <= this.#capacity) {
      return;
    }
    const capacity = Math.max(nodes, this.#capacity * 2);
    this.#centre = grow(this.#centre, capacity * this.dims);
    this.#mass = grow(this.#mass, capacity * this.dims);
    this.#half = grow(this.#half, capacity);
    this.#count = grow(this.#count, capacity);
    this.#child = grow(this.#child, capacity);
    this.#point = grow(this.#point, capacity);
    this.#capacity = capacity;
  }
}

function samePoint(y: Float64Array, a: number, b: number, dims: number) {
  for (let d = 0; d < dims; d++) {
    if (y[a * dims + d] !== y[b * dims + d]) {
      return false;
    }
  }
  return true;
}

function grow<T extends Float64Array | Int32Array>(
  array: T,
  length: number,
): T {
  const grown = new (array.constructor as new (length: number) => T)(length);
  grown.set(array);
  return grown;
}
