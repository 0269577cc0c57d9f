import assert from 'node:assert/strict';
import test from 'node:test';
import {compareWithCpu, type KernelCase} from './kernel-case.js';

type Pad =
  'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

function filterCase(
  x: [number, number, number, number],
  filter: [number, number, number, number],
  strides: [number, number],
  pad: Pad,
): KernelCase {
  const [n, h, w] = x;
  const outSize = (size: number, k: number, s: number, extra: number) =>
    pad === 'same'
      ? Math.ceil(size / s)
      : Math.floor((size + extra - k) / s) + 1;
  const padH = Array.isArray(pad) ? pad[1][0] + pad[1][1] : 0;
  const padW = Array.isArray(pad) ? pad[2][0] + pad[2][1] : 0;
  const dy = [
    n,
    outSize(h, filter[0], strides[0], padH),
    outSize(w, filter[1], strides[1], padW),
    filter[3],
  ];
  return {
    name: `x ${x.join('x')} filter ${filter.join('x')} strides ${strides.join(',')} pad ${JSON.stringify(pad)}`,
    kernel: 'Conv2DBackpropFilter',
    inputs: {x, dy},
    attrs: {strides, pad, dataFormat: 'NHWC', filterShape: filter},
  };
}

const CASES: KernelCase[] = [
  // Strided valid convolutions that never read the last row or column.
  filterCase([2, 8, 8, 2], [1, 1, 2, 3], [2, 2], 'valid'),
  filterCase([1, 8, 9, 3], [3, 3, 3, 2], [2, 3], 'valid'),
  filterCase([2, 8, 8, 1], [3, 3, 1, 4], [1, 1], 'same'),
  filterCase([3, 9, 7, 3], [3, 3, 3, 5], [2, 2], 'same'),
  filterCase([2, 10, 11, 4], [5, 3, 4, 6], [1, 2], 'valid'),
  filterCase([1, 7, 7, 2], [1, 1, 2, 3], [1, 1], 'valid'),
  filterCase([2, 6, 9, 3], [3, 4, 3, 2], [3, 2], 'same'),
  filterCase(
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
  filterCase(
    [2, 9, 9, 3],
    [7, 7, 3, 4],
    [2, 2],
    [
      [0, 0],
      [3, 3],
      [3, 3],
      [0, 0],
    ],
  ),
];

for (const testCase of CASES) {
  test(`conv2d filter gradient on wasm matches cpu: ${testCase.name}`, async () => {
    assert.ok((await compareWithCpu(testCase)) < 1e-4);
  });
}
