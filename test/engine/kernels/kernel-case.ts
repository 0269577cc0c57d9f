import type {NamedAttrMap} from '@tensorflow/tfjs-core';
import {loadTf, selectBackend} from '../../../engine/backend.js';

type Shape4 = [number, number, number, number];
type Tf = Awaited<ReturnType<typeof loadTf>>;

/** A kernel call on random inputs of the given shapes. */
export interface KernelCase {
  readonly name: string;
  readonly kernel: string;
  readonly inputs: Readonly<Record<string, readonly number[]>>;
  readonly attrs: NamedAttrMap;
}

/** Deterministic values in [-1, 1) so that a failure reproduces. */
function randomValues(size: number, seed: number): Float32Array {
  const values = new Float32Array(size);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    values[i] = ((state >>> 0) / 2 ** 32) * 2 - 1;
  }
  return values;
}

async function runOn(
  tf: Tf,
  backend: string,
  testCase: KernelCase,
): Promise<Float32Array> {
  await tf.setBackend(backend);
  const inputs = Object.entries(testCase.inputs).map(([name, shape], i) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return [name, tf.tensor(randomValues(size, i + 7), [...shape])] as const;
  });
  const named = Object.fromEntries(inputs);
  const out = tf.engine().runKernel(testCase.kernel, named, testCase.attrs);
  const values = (out as {dataSync(): Float32Array}).dataSync();
  tf.dispose([...Object.values(named), out]);
  return Float32Array.from(values);
}

/** The largest absolute difference between wasm's result and cpu's. */
export async function compareWithCpu(testCase: KernelCase): Promise<number> {
  await selectBackend('wasm');
  const tf = await loadTf();
  const expected = await runOn(tf, 'cpu', testCase);
  const actual = await runOn(tf, 'wasm', testCase);
  if (expected.length !== actual.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i] ?? 0));
    const gap = Math.abs((expected[i] ?? 0) - (actual[i] ?? 0)) / scale;
    worst = Math.max(worst, Number.isNaN(gap) ? Infinity : gap);
  }
  return worst;
}

/**
 * For gradients the cpu backend gets wrong (it ignores depthwise
 * dilations), checks the adjoint identity instead: the gradient `g` of
 * `<dy, conv(x, w)>` satisfies `<g, v> = <dy, conv(x, v)>` for any `v`,
 * where conv is cpu's forward depthwise convolution, which does dilate.
 */
export async function depthwiseAdjointGap(
  testCase: KernelCase,
  wrt: 'x' | 'filter',
): Promise<number> {
  await selectBackend('wasm');
  const tf = await loadTf();
  const gradient = await runOn(tf, 'wasm', testCase);
  const shapes = testCase.attrs as unknown as {
    inputShape?: number[];
    filterShape?: number[];
  };
  const xShape = shapes.inputShape ?? [...(testCase.inputs['x'] ?? [])];
  const wShape = shapes.filterShape ?? [...(testCase.inputs['filter'] ?? [])];
  const dyShape = [...(testCase.inputs['dy'] ?? [])];
  await tf.setBackend('cpu');
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  const probe = randomValues(gradient.length, 99);
  const fixed = wrt === 'x' ? wShape : xShape;
  const fixedValues = randomValues(size(fixed), wrt === 'x' ? 8 : 7);
  const dy = tf.tensor(randomValues(size(dyShape), wrt === 'x' ? 7 : 8));
  const x = tf.tensor4d(wrt === 'x' ? probe : fixedValues, xShape as Shape4);
  const w = tf.tensor4d(wrt === 'x' ? fixedValues : probe, wShape as Shape4);
  const attrs = testCase.attrs as never as {
    strides: [number, number];
    pad: 'same';
    dilations: [number, number];
  };
  const y = tf.depthwiseConv2d(
    x,
    w,
    attrs.strides,
    attrs.pad,
    'NHWC',
    attrs.dilations,
  );
  const right = tf.sum(tf.mul(y, dy.reshape(y.shape))).dataSync()[0] ?? 0;
  tf.dispose([x, w, y, dy]);
  let left = 0;
  for (let i = 0; i < gradient.length; i++) {
    left += (gradient[i] ?? 0) * (probe[i] ?? 0);
  }
  return Math.abs(left - right) / Math.max(1, Math.abs(right));
}
