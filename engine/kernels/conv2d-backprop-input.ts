import {
  backend_util,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import {runWasmKernel} from './run-wasm-kernel.js';
import type {WasmHeap} from './wasm-heap.js';

type Shape4 = [number, number, number, number];
type Conv2DInfo = backend_util.Conv2DInfo;

interface Attrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: Shape4;
}

/**
 * The input gradient of conv2d as a forward convolution, which the wasm
 * backend runs in XNNPACK: `dy` (spread out by the stride) convolved
 * with the filter turned 180 degrees and its channel axes swapped. The
 * backend's own kernel is a scalar loop, 10-20 times slower.
 */
export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: ({inputs, backend, attrs}) => {
    const heap = backend as unknown as WasmHeap;
    const {dy, filter} = inputs as {dy: TensorInfo; filter: TensorInfo};
    const a = attrs as unknown as Attrs;
    const info = backend_util.computeConv2DInfo(
      a.inputShape,
      filter.shape as Shape4,
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode,
    );
    const padding = transposedPadding(info);
    if (a.dataFormat === 'NCHW' || padding === undefined) {
      return runWasmKernel(heap, 'Conv2DBackpropInput', inputs, attrs ?? {});
    }
    return convolveBack(heap, {dy, filter}, info, padding);
  },
};

type Padding = [[0, 0], [number, number], [number, number], [0, 0]];

/** Padding of the forward convolution that yields dx; none if negative. */
function transposedPadding(info: Conv2DInfo): Padding | undefined {
  const spread = (out: number, stride: number) => (out - 1) * stride + 1;
  const top = info.filterHeight - 1 - info.padInfo.top;
  const left = info.filterWidth - 1 - info.padInfo.left;
  const height = spread(info.outHeight, info.strideHeight);
  const width = spread(info.outWidth, info.strideWidth);
  const bottom = info.inHeight - height - top + info.filterHeight - 1;
  const right = info.inWidth - width - left + info.filterWidth - 1;
  if (Math.min(top, left, bottom, right) < 0) return undefined;
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
}

function convolveBack(
  heap: WasmHeap,
  inputs: {dy: TensorInfo; filter: TensorInfo},
  info: Conv2DInfo,
  pad: Padding,
): TensorInfo {
  const spread = info.strideHeight > 1 || info.strideWidth > 1;
  const dy = spread ? spreadByStride(heap, inputs.dy, info) : inputs.dy;
  const filter = turnFilter(heap, inputs.filter, info);
  const dx = runWasmKernel(
    heap,
    'Conv2D',
    {x: dy, filter},
    {strides: 1, pad, dataFormat: 'NHWC', dilations: 1},
  );
  if (spread) heap.disposeData(dy.dataId);
  heap.disposeData(filter.dataId);
  return dx;
}

/** `[kh, kw, in, out]` to `[KH-1-kh, KW-1-kw, out, in]`. */
function turnFilter(
  heap: WasmHeap,
  filter: TensorInfo,
  info: Conv2DInfo,
): TensorInfo {
  const {filterHeight: kh, filterWidth: kw, inChannels, outChannels} = info;
  const out = heap.makeOutput([kh, kw, outChannels, inChannels], 'float32');
  const source = heap.typedArrayFromHeap(filter) as Float32Array;
  const target = heap.typedArrayFromHeap(out) as Float32Array;
  const taps = kh * kw;
  for (let tap = 0; tap < taps; tap++) {
    const from = tap * inChannels * outChannels;
    const to = (taps - 1 - tap) * inChannels * outChannels;
    for (let i = 0; i < inChannels; i++) {
      for (let o = 0; o < outChannels; o++) {
        target[to + o * inChannels + i] = source[
          from + i * outChannels + o
        ] as number;
      }
    }
  }
  return out;
}

/** `dy` with stride - 1 zero rows and columns between its pixels. */
function spreadByStride(
  heap: WasmHeap,
  dy: TensorInfo,
  info: Conv2DInfo,
): TensorInfo {
  const {outHeight, outWidth, outChannels: channels} = info;
  const {strideHeight: sh, strideWidth: sw} = info;
  const height = (outHeight - 1) * sh + 1;
  const width = (outWidth - 1) * sw + 1;
  const shape = [info.batchSize, height, width, channels];
  const out = heap.makeOutput(shape, 'float32');
  const source = heap.typedArrayFromHeap(dy) as Float32Array;
  const target = heap.typedArrayFromHeap(out) as Float32Array;
  target.fill(0);
  for (let n = 0; n < info.batchSize; n++) {
    for (let y = 0; y < outHeight; y++) {
      for (let x = 0; x < outWidth; x++) {
        const from = ((n * outHeight + y) * outWidth + x) * channels;
        const to = ((n * height + y * sh) * width + x * sw) * channels;
        target.set(source.subarray(from, from + channels), to);
      }
    }
  }
  return out;
}
