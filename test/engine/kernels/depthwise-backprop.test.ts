import assert from 'node:assert/strict';
import test from 'node:test';
import {
  compareWithCpu,
  depthwiseAdjointGap,
  type KernelCase,
} from './kernel-case.js';

type Shape = [number, number, number, number];
type Pad =
  'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

interface Geometry {
  readonly x: Shape;
  readonly filter: Shape;
  readonly strides: [number, number];
  readonly dilations: [number, number];
  readonly pad: Pad;
}

function outSize(size: number, axis: 1 | 2, g: Geometry): number {
  const stride = g.strides[axis - 1] ?? 1;
  if (g.pad === 'same') return Math.ceil(size / stride);
  const k = g.filter[axis - 1] ?? 1;
  const effective = (k - 1) * (g.dilations[axis - 1] ?? 1) + 1;
  const extra = Array.isArray(g.pad) ? g.pad[axis][0] + g.pad[axis][1] : 0;
  return Math.floor((size + extra - effective) / stride) + 1;
}

function dyShape(g: Geometry): Shape {
  const channels = g.filter[2] * g.filter[3];
  return [g.x[0], outSize(g.x[1], 1, g), outSize(g.x[2], 2, g), channels];
}

function casesFor(g: Geometry): KernelCase[] {
  const name = `x ${g.x.join('x')} filter ${g.filter.join('x')} strides ${g.strides.join(',')} dilations ${g.dilations.join(',')} pad ${JSON.stringify(g.pad)}`;
  const attrs = {strides: g.strides, dilations: g.dilations, pad: g.pad};
  return [
    {
      name: `filter gradient, ${name}`,
      kernel: 'DepthwiseConv2dNativeBackpropFilter',
      inputs: {x: g.x, dy: dyShape(g)},
      attrs: {...attrs, filterShape: g.filter},
    },
    {
      name: `input gradient, ${name}`,
      kernel: 'DepthwiseConv2dNativeBackpropInput',
      inputs: {dy: dyShape(g), filter: g.filter},
      attrs: {...attrs, inputShape: g.x},
    },
  ];
}

const GEOMETRIES: Geometry[] = [
  {
    x: [2, 8, 8, 3],
    filter: [3, 3, 3, 1],
    strides: [1, 1],
    dilations: [1, 1],
    pad: 'same',
  },
  {
    x: [2, 9, 7, 2],
    filter: [3, 3, 2, 2],
    strides: [2, 2],
    dilations: [1, 1],
    pad: 'same',
  },
  {
    x: [1, 10, 10, 4],
    filter: [5, 3, 4, 1],
    strides: [1, 2],
    dilations: [1, 1],
    pad: 'valid',
  },
  {
    x: [2, 11, 9, 3],
    filter: [3, 3, 3, 2],
    strides: [1, 1],
    dilations: [2, 2],
    pad: 'valid',
  },
  {
    x: [1, 9, 9, 2],
    filter: [3, 3, 2, 1],
    strides: [1, 1],
    dilations: [2, 3],
    pad: 'same',
  },
  {
    x: [2, 8, 8, 2],
    filter: [3, 3, 2, 3],
    strides: [2, 1],
    dilations: [1, 1],
    pad: [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  },
];

const dilated = (g: Geometry) => g.dilations.some((d) => d > 1);

for (const testCase of GEOMETRIES.filter((g) => !dilated(g)).flatMap(
  casesFor,
)) {
  test(`depthwise ${testCase.name} on wasm matches cpu`, async () => {
    assert.ok((await compareWithCpu(testCase)) < 1e-4);
  });
}

// cpu's own depthwise gradients ignore dilations; check the identity.
for (const testCase of GEOMETRIES.filter(dilated).flatMap(casesFor)) {
  const wrt = testCase.kernel.endsWith('Input') ? 'x' : 'filter';
  test(`depthwise ${testCase.name} on wasm is the adjoint of cpu's forward`, async () => {
    assert.ok((await depthwiseAdjointGap(testCase, wrt)) < 1e-4);
  });
}
