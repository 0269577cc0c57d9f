import {
  backend_util,
  type KernelConfig,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type {WasmHeap} from './wasm-heap.js';
import {runWasmKernel as runKernel} from './run-wasm-kernel.js';
import {im2colTransposed, type BatchRange} from './im2col-transposed.js';

// Caps the patch matrix at 64 MiB; larger batches are done in slices.
const MAX_PATCH_FLOATS = 16 * 1024 * 1024;

interface Attrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/**
 * The filter gradient of conv2d, which tfjs-backend-wasm lacks: the
 * patches of `x` laid out as `[taps, positions]`, times `dy` as
 * `[positions, outChannels]`, in the backend's own matrix product.
 */
export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: ({inputs, backend, attrs}) =>
    conv2dBackpropFilter(
      inputs,
      backend as unknown as WasmHeap,
      attrs as unknown as Attrs,
    ),
};

function conv2dBackpropFilter(
  inputs: NamedTensorInfoMap,
  backend: WasmHeap,
  attrs: Attrs,
): TensorInfo {
  const {x, dy} = inputs as {x: TensorInfo; dy: TensorInfo};
  if (attrs.dataFormat === 'NCHW') {
    throw new Error('Conv2DBackpropFilter on wasm supports NHWC only.');
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const padding = correlationPadding(info);
  if (padding !== undefined) {
    return correlate(backend, {x, dy}, info, padding);
  }
  let total: TensorInfo | undefined;
  for (const range of batchSlices(info)) {
    const part = sliceGradient(backend, {x, dy}, info, range);
    total = total === undefined ? part : accumulate(backend, total, part);
  }
  if (total === undefined) throw new Error('Internal error: empty batch.');
  return reshape(backend, total, attrs.filterShape);
}

type Padding = [[0, 0], [number, number], [number, number], [0, 0]];

/**
 * Padding for the correlation form below, or undefined when it would
 * be negative (strided valid convolutions that skip trailing pixels).
 */
function correlationPadding(
  info: backend_util.Conv2DInfo,
): Padding | undefined {
  const {padInfo, strideHeight, strideWidth} = info;
  const bottom =
    info.filterHeight +
    (info.outHeight - 1) * strideHeight -
    info.inHeight -
    padInfo.top;
  const right =
    info.filterWidth +
    (info.outWidth - 1) * strideWidth -
    info.inWidth -
    padInfo.left;
  if (Math.min(bottom, right, padInfo.top, padInfo.left) < 0) return undefined;
  return [
    [0, 0],
    [padInfo.top, bottom],
    [padInfo.left, right],
    [0, 0],
  ];
}

/**
 * The filter gradient as one forward convolution in XNNPACK: `x` seen as
 * a batch of `inChannels` images with the batch as channels, convolved
 * with `dy` seen as an `outHeight x outWidth` filter (dilated by the
 * stride). Only transposes move data; XNNPACK does the sums.
 */
function correlate(
  backend: WasmHeap,
  inputs: {x: TensorInfo; dy: TensorInfo},
  info: backend_util.Conv2DInfo,
  pad: Padding,
): TensorInfo {
  const x = transpose(backend, inputs.x, [3, 1, 2, 0]);
  const dy = transpose(backend, inputs.dy, [1, 2, 0, 3]);
  const dilations = [info.strideHeight, info.strideWidth];
  const attrs = {strides: 1, pad, dataFormat: 'NHWC', dilations};
  const sums = runKernel(backend, 'Conv2D', {x, filter: dy}, attrs);
  backend.disposeData(x.dataId);
  backend.disposeData(dy.dataId);
  const gradient = transpose(backend, sums, [1, 2, 0, 3]);
  backend.disposeData(sums.dataId);
  return gradient;
}

function transpose(backend: WasmHeap, x: TensorInfo, perm: number[]) {
  return runKernel(backend, 'Transpose', {x}, {perm});
}

function batchSlices(info: backend_util.Conv2DInfo): BatchRange[] {
  const taps = info.filterHeight * info.filterWidth * info.inChannels;
  const perImage = taps * info.outHeight * info.outWidth;
  const step = Math.max(1, Math.floor(MAX_PATCH_FLOATS / perImage));
  const ranges: BatchRange[] = [];
  for (let first = 0; first < info.batchSize; first += step) {
    ranges.push({first, count: Math.min(step, info.batchSize - first)});
  }
  return ranges;
}

/** `[taps, outChannels]` gradient of the images in `range`. */
function sliceGradient(
  backend: WasmHeap,
  inputs: {x: TensorInfo; dy: TensorInfo},
  info: backend_util.Conv2DInfo,
  range: BatchRange,
): TensorInfo {
  const taps = info.filterHeight * info.filterWidth * info.inChannels;
  const perImage = info.outHeight * info.outWidth;
  const positions = range.count * perImage;
  const patches = backend.makeOutput([taps, positions], 'float32');
  // Views are taken after the allocation: growing the heap detaches them.
  const xData = backend.typedArrayFromHeap(inputs.x) as Float32Array;
  const patchData = backend.typedArrayFromHeap(patches) as Float32Array;
  im2colTransposed(xData, info, range, patchData);
  const dy = sliceRows(backend, inputs.dy, range.first * perImage, positions);
  const product = matMul(backend, patches, dy);
  backend.disposeData(patches.dataId);
  backend.disposeData(dy.dataId);
  return product;
}

/** Rows `[first, first + count)` of `t` seen as `[rows, lastDim]`. */
function sliceRows(
  backend: WasmHeap,
  t: TensorInfo,
  first: number,
  count: number,
): TensorInfo {
  const width = t.shape[t.shape.length - 1] ?? 1;
  const out = backend.makeOutput([count, width], 'float32');
  const source = backend.typedArrayFromHeap(t) as Float32Array;
  const target = backend.typedArrayFromHeap(out) as Float32Array;
  target.set(source.subarray(first * width, (first + count) * width));
  return out;
}

function matMul(backend: WasmHeap, a: TensorInfo, b: TensorInfo) {
  return runKernel(
    backend,
    'BatchMatMul',
    {a, b},
    {
      transposeA: false,
      transposeB: false,
    },
  );
}

function accumulate(backend: WasmHeap, a: TensorInfo, b: TensorInfo) {
  const sum = runKernel(backend, 'Add', {a, b}, {});
  backend.disposeData(a.dataId);
  backend.disposeData(b.dataId);
  return sum;
}

function reshape(backend: WasmHeap, x: TensorInfo, shape: number[]) {
  const out = runKernel(backend, 'Reshape', {x}, {shape});
  backend.disposeData(x.dataId);
  return out;
}
