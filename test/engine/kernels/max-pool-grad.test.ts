import assert from 'node:assert/strict';
import test from 'node:test';
import {loadTf, selectBackend} from '../../../engine/backend.js';

type Shape = [number, number, number, number];

interface PoolCase {
  readonly x: Shape;
  readonly size: [number, number];
  readonly strides: [number, number];
  readonly pad: 'same' | 'valid';
  /** Rounds inputs so that windows hold ties, as after a ReLU. */
  readonly ties: boolean;
}

async function gradientOn(backend: string, c: PoolCase): Promise<Float32Array> {
  const tf = await loadTf();
  await tf.setBackend(backend);
  const size = c.x.reduce((a, b) => a * b, 1);
  const values = Float32Array.from({length: size}, (_, i) => {
    const v = Math.sin(i * 12.9898) * 4;
    return c.ties ? Math.max(0, Math.round(v)) : v;
  });
  const x = tf.tensor4d(values, c.x);
  const grad = tf.grad((input) =>
    tf
      .maxPool(input as typeof x, c.size, c.strides, c.pad)
      .mul(tf.scalar(3))
      .sum(),
  )(x);
  const data = Float32Array.from(grad.dataSync());
  tf.dispose([x, grad]);
  return data;
}

const CASES: PoolCase[] = [
  {x: [2, 8, 8, 3], size: [2, 2], strides: [2, 2], pad: 'same', ties: false},
  {x: [2, 7, 9, 4], size: [2, 2], strides: [2, 2], pad: 'same', ties: true},
  {x: [1, 9, 9, 2], size: [3, 3], strides: [2, 2], pad: 'valid', ties: false},
  {x: [1, 8, 7, 3], size: [3, 2], strides: [1, 2], pad: 'same', ties: true},
];

for (const c of CASES) {
  const name = `x ${c.x.join('x')} window ${c.size.join('x')} strides ${c.strides.join(',')} ${c.pad}${c.ties ? ' with ties' : ''}`;
  test(`max-pool gradient on wasm matches cpu: ${name}`, async () => {
    await selectBackend('wasm');
    const expected = await gradientOn('cpu', c);
    const actual = await gradientOn('wasm', c);
    assert.deepEqual(actual, expected);
  });
}
