import {
  backend_util,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type {WasmHeap} from './wasm-heap.js';

type Conv2DInfo = backend_util.Conv2DInfo;
type Shape4 = [number, number, number, number];

interface Attrs {
  strides: number | [number, number];
  dilations: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape?: Shape4;
  inputShape?: Shape4;
}

/** One (n, oh, ow, kh, kw) pairing of an output and an input pixel. */
type Visit = (xBase: number, yBase: number, wBase: number) => void;

/**
 * The depthwise gradients that tfjs-backend-wasm lacks. A depthwise
 * convolution does as little work as its output has elements times taps,
 * so one pass over (output pixel, tap) pairs in JavaScript costs about as
 * much as a matrix product would, without the patch copy.
 */
export const depthwiseBackpropFilterConfig: KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropFilter',
  backendName: 'wasm',
  kernelFunc: ({inputs, backend, attrs}) => {
    const {x, dy} = inputs as {x: TensorInfo; dy: TensorInfo};
    const a = attrs as unknown as Attrs;
    const info = depthwiseInfo(x.shape as Shape4, a.filterShape, a);
    return filterGradient(backend as unknown as WasmHeap, {x, dy}, info);
  },
};

export const depthwiseBackpropInputConfig: KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropInput',
  backendName: 'wasm',
  kernelFunc: ({inputs, backend, attrs}) => {
    const {dy, filter} = inputs as {
      dy: TensorInfo;
      filter: TensorInfo;
    };
    const a = attrs as unknown as Attrs;
    const info = depthwiseInfo(a.inputShape, filter.shape as Shape4, a);
    return inputGradient(backend as unknown as WasmHeap, {dy, filter}, info);
  },
};

function depthwiseInfo(
  inShape: Shape4 | undefined,
  filterShape: Shape4 | undefined,
  attrs: Attrs,
): Conv2DInfo {
  if (inShape === undefined || filterShape === undefined) {
    throw new Error('Internal error: depthwise gradient without shapes.');
  }
  return backend_util.computeConv2DInfo(
    inShape,
    filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
}

function filterGradient(
  backend: WasmHeap,
  inputs: {x: TensorInfo; dy: TensorInfo},
  info: Conv2DInfo,
): TensorInfo {
  const out = backend.makeOutput(info.filterShape, 'float32');
  const x = backend.typedArrayFromHeap(inputs.x) as Float32Array;
  const dy = backend.typedArrayFromHeap(inputs.dy) as Float32Array;
  const dw = backend.typedArrayFromHeap(out) as Float32Array;
  dw.fill(0);
  const {inChannels, outChannels} = info;
  const multiplier = outChannels / inChannels;
  visitPairs(info, (xBase, yBase, wBase) => {
    for (let c = 0; c < inChannels; c++) {
      const xv = x[xBase + c] as number;
      for (let m = 0; m < multiplier; m++) {
        const o = c * multiplier + m;
        dw[wBase + o] = (dw[wBase + o] as number) + xv * (dy[yBase + o] ?? 0);
      }
    }
  });
  return out;
}

function inputGradient(
  backend: WasmHeap,
  inputs: {dy: TensorInfo; filter: TensorInfo},
  info: Conv2DInfo,
): TensorInfo {
  const out = backend.makeOutput(info.inShape, 'float32');
  const dy = backend.typedArrayFromHeap(inputs.dy) as Float32Array;
  const w = backend.typedArrayFromHeap(inputs.filter) as Float32Array;
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  dx.fill(0);
  const {inChannels, outChannels} = info;
  const multiplier = outChannels / inChannels;
  visitPairs(info, (xBase, yBase, wBase) => {
    for (let c = 0; c < inChannels; c++) {
      let sum = 0;
      for (let m = 0; m < multiplier; m++) {
        const o = c * multiplier + m;
        sum += (dy[yBase + o] as number) * (w[wBase + o] as number);
      }
      dx[xBase + c] = (dx[xBase + c] as number) + sum;
    }
  });
  return out;
}

/**
 * Calls `visit` with the flat offsets of the input pixel, the output pixel
 * and the filter tap for every pairing that lies inside the input.
 */
function visitPairs(info: Conv2DInfo, visit: Visit): void {
  const {inHeight, inWidth, inChannels, outHeight, outWidth} = info;
  const {filterHeight, filterWidth, outChannels} = info;
  for (let n = 0; n < info.batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let kh = 0; kh < filterHeight; kh++) {
        const ih = inputIndex(oh, kh, info.strideHeight, info, 'top');
        if (ih < 0 || ih >= inHeight) continue;
        for (let ow = 0; ow < outWidth; ow++) {
          const yBase = ((n * outHeight + oh) * outWidth + ow) * outChannels;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = inputIndex(ow, kw, info.strideWidth, info, 'left');
            if (iw < 0 || iw >= inWidth) continue;
            const xBase = ((n * inHeight + ih) * inWidth + iw) * inChannels;
            visit(xBase, yBase, (kh * filterWidth + kw) * outChannels);
          }
        }
      }
    }
  }
}

function inputIndex(
  out: number,
  tap: number,
  stride: number,
  info: Conv2DInfo,
  side: 'top' | 'left',
): number {
  const dilation = side === 'top' ? info.dilationHeight : info.dilationWidth;
  return out * stride + tap * dilation - info.padInfo[side];
}
