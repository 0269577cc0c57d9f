import assert from 'node:assert/strict';
import test from 'node:test';
import {compareWithCpu, type KernelCase} from './kernel-case.js';

type Shape = [number, number, number, number];
type Pad =
  'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

function inputCase(
  x: Shape,
  filter: Shape,
  strides: [number, number],
  pad: Pad,
): KernelCase {
  const extent = (size: number, k: number, s: number, axis: 1 | 2) => {
    if (pad === 'same') return Math.ceil(size / s);
    const extra = Array.isArray(pad) ? pad[axis][0] + pad[axis][1] : 0;
    return Math.floor((size + extra - k) / s) + 1;
  };
  const dy = [
    x[0],
    extent(x[1], filter[0], strides[0], 1),
    extent(x[2], filter[1], strides[1], 2),
    filter[3],
  ];
  return {
    name: `x ${x.join('x')} filter ${filter.join('x')} strides ${strides.join(',')} pad ${JSON.stringify(pad)}`,
    kernel: 'Conv2DBackpropInput',
    inputs: {dy, filter},
    attrs: {strides, pad, dataFormat: 'NHWC', inputShape: x},
  };
}

const CASES: KernelCase[] = [
  inputCase([2, 8, 8, 1], [3, 3, 1, 4], [1, 1], 'same'),
  inputCase([2, 9, 7, 3], [3, 3, 3, 5], [2, 2], 'same'),
  inputCase([2, 10, 11, 4], [5, 3, 4, 6], [1, 2], 'valid'),
  inputCase([1, 7, 7, 2], [1, 1, 2, 3], [2, 2], 'valid'),
  inputCase([2, 6, 9, 3], [3, 4, 3, 2], [3, 2], 'same'),
  inputCase(
    [2, 8, 8, 2],
    [3, 3, 2, 3],
    [1, 1],
    [
      [0, 0],
      [1, 2],
      [2, 0],
      [0, 0],
    ],
  ),
  inputCase(
    [1, 9, 9, 3],
    [7, 7, 3, 4],
    [2, 2],
    [
      [0, 0],
      [3, 3],
      [3, 3],
      [0, 0],
    ],
  ),
  inputCase(
    [1, 6, 6, 2],
    [3, 3, 2, 2],
    [1, 1],
    [
      [0, 0],
      [3, 0],
      [0, 4],
      [0, 0],
    ],
  ),
];

for (const testCase of CASES) {
  test(`conv2d input gradient on wasm matches cpu: ${testCase.name}`, async () => {
    assert.ok((await compareWithCpu(testCase)) < 1e-4);
  });
}
