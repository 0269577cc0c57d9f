import {
  backend_util,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type {WasmHeap} from './wasm-heap.js';

type Shape4 = [number, number, number, number];

interface Attrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * Max-pool gradient in one pass over the windows with all channels of a
 * pixel side by side: each window's first maximum (as the cpu backend
 * picks it) receives the window's gradient. The backend's own kernel is
 * several times slower.
 */
export const maxPoolGradConfig: KernelConfig = {
  kernelName: 'MaxPoolGrad',
  backendName: 'wasm',
  kernelFunc: ({inputs, backend, attrs}) => {
    const heap = backend as unknown as WasmHeap;
    const {dy, input} = inputs as {dy: TensorInfo; input: TensorInfo};
    const a = attrs as unknown as Attrs;
    const info = backend_util.computePool2DInfo(
      input.shape as Shape4,
      a.filterSize,
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode,
    );
    const out = heap.makeOutput(input.shape, 'float32');
    const dx = heap.typedArrayFromHeap(out) as Float32Array;
    dx.fill(0);
    routeGradient(
      heap.typedArrayFromHeap(input) as Float32Array,
      heap.typedArrayFromHeap(dy) as Float32Array,
      dx,
      info,
    );
    return out;
  },
};

function routeGradient(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  info: backend_util.Conv2DInfo,
): void {
  const {inChannels: channels, outHeight, outWidth} = info;
  const best = new Float32Array(channels);
  const where = new Int32Array(channels);
  let at = 0;
  for (let n = 0; n < info.batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        best.fill(-Infinity);
        where.fill(-1);
        findMaxima(x, info, {n, oh, ow}, {best, where});
        for (let c = 0; c < channels; c++, at++) {
          const i = where[c] as number;
          if (i >= 0) dx[i] = (dx[i] as number) + (dy[at] as number);
        }
      }
    }
  }
}

function findMaxima(
  x: Float32Array,
  info: backend_util.Conv2DInfo,
  pixel: {n: number; oh: number; ow: number},
  found: {best: Float32Array; where: Int32Array},
): void {
  const {inHeight, inWidth, inChannels: channels} = info;
  const top = pixel.oh * info.strideHeight - info.padInfo.top;
  const left = pixel.ow * info.strideWidth - info.padInfo.left;
  const {best, where} = found;
  for (
    let ih = Math.max(0, top);
    ih < Math.min(inHeight, top + info.filterHeight);
    ih++
  ) {
    for (
      let iw = Math.max(0, left);
      iw < Math.min(inWidth, left + info.filterWidth);
      iw++
    ) {
      const base = ((pixel.n * inHeight + ih) * inWidth + iw) * channels;
      for (let c = 0; c < channels; c++) {
        const value = x[base + c] as number;
        if (value > (best[c] as number)) {
          best[c] = value;
          where[c] = base + c;
        }
      }
    }
  }
}
