import type {KernelConfig, TensorInfo} from '@tensorflow/tfjs-core';
import {runWasmKernel} from './run-wasm-kernel.js';
import type {WasmHeap} from './wasm-heap.js';

interface Operands {
  readonly a: TensorInfo;
  readonly b: TensorInfo;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

const size = (t: TensorInfo) => t.shape.reduce((p, d) => p * d, 1);

/** Product of the batch axes (all but the last two). */
const leadingSize = (t: TensorInfo) =>
  t.shape.slice(0, -2).reduce((p, d) => p * d, 1);

/**
 * tfjs-backend-wasm multiplies a transposed operand about ten times more
 * slowly than a plain one, and every dense layer's backward pass asks for
 * transposes. These wrappers copy into plain layout first (linear time,
 * choosing between `A'B'` and `(B'^T A'^T)^T` by the elements moved),
 * then run the backend's fast untransposed product.
 */
export const batchMatMulConfig = wrapMatMul('BatchMatMul');
export const fusedMatMulConfig = wrapMatMul('_FusedMatMul');

function wrapMatMul(kernelName: string): KernelConfig {
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc: ({inputs, backend, attrs}) => {
      const heap = backend as unknown as WasmHeap;
      const operands = {...attrs, ...inputs} as unknown as Operands;
      const plainly = (a: TensorInfo, b: TensorInfo) =>
        runWasmKernel(
          heap,
          kernelName,
          {...inputs, a, b},
          {
            ...attrs,
            transposeA: false,
            transposeB: false,
          },
        );
      const hasExtras = Object.keys(inputs).length > 2;
      return !hasExtras && swappedIsCheaper(operands)
        ? multiplySwapped(heap, operands, plainly)
        : multiplyInOrder(heap, operands, plainly);
    },
  };
}

type Multiply = (a: TensorInfo, b: TensorInfo) => TensorInfo;

/** Elements copied for `A'B'` versus for `(B'^T A'^T)^T`. */
function swappedIsCheaper(m: Operands): boolean {
  const inOrder =
    (m.transposeA ? size(m.a) : 0) + (m.transposeB ? size(m.b) : 0);
  const outRows = m.a.shape[m.a.shape.length - (m.transposeA ? 1 : 2)] ?? 1;
  const outCols = m.b.shape[m.b.shape.length - (m.transposeB ? 2 : 1)] ?? 1;
  const batch = Math.max(leadingSize(m.a), leadingSize(m.b));
  const swapped =
    (m.transposeA ? 0 : size(m.a)) +
    (m.transposeB ? 0 : size(m.b)) +
    outRows * outCols * batch;
  return swapped < inOrder;
}

function multiplyInOrder(heap: WasmHeap, m: Operands, multiply: Multiply) {
  const a = m.transposeA ? swapLastAxes(heap, m.a) : m.a;
  const b = m.transposeB ? swapLastAxes(heap, m.b) : m.b;
  const out = multiply(a, b);
  if (m.transposeA) heap.disposeData(a.dataId);
  if (m.transposeB) heap.disposeData(b.dataId);
  return out;
}

/** `(B'^T A'^T)^T`: the plain layout of B'^T is B when B is transposed. */
function multiplySwapped(heap: WasmHeap, m: Operands, multiply: Multiply) {
  const left = m.transposeB ? m.b : swapLastAxes(heap, m.b);
  const right = m.transposeA ? m.a : swapLastAxes(heap, m.a);
  const product = multiply(left, right);
  if (!m.transposeB) heap.disposeData(left.dataId);
  if (!m.transposeA) heap.disposeData(right.dataId);
  const out = swapLastAxes(heap, product);
  heap.disposeData(product.dataId);
  return out;
}

/** A copy of `x` with its last two axes swapped, blocked for the cache. */
export function swapLastAxes(heap: WasmHeap, x: TensorInfo): TensorInfo {
  const rank = x.shape.length;
  const rows = x.shape[rank - 2] ?? 1;
  const cols = x.shape[rank - 1] ?? 1;
  const shape = [...x.shape.slice(0, rank - 2), cols, rows];
  const out = heap.makeOutput(shape, x.dtype);
  const source = heap.typedArrayFromHeap(x) as Float32Array;
  const target = heap.typedArrayFromHeap(out) as Float32Array;
  for (let at = 0; at < source.length; at += rows * cols) {
    transposeBlock(source, target, {at, rows, cols});
  }
  return out;
}

const BLOCK = 32;

function transposeBlock(
  source: Float32Array,
  target: Float32Array,
  {at, rows, cols}: {at: number; rows: number; cols: number},
): void {
  for (let r0 = 0; r0 < rows; r0 += BLOCK) {
    const r1 = Math.min(rows, r0 + BLOCK);
    for (let c0 = 0; c0 < cols; c0 += BLOCK) {
      const c1 = Math.min(cols, c0 + BLOCK);
      for (let r = r0; r < r1; r++) {
        let from = at + r * cols + c0;
        for (let c = c0; c < c1; c++) {
          target[at + c * rows + r] = source[from++] as number;
        }
      }
    }
  }
}
