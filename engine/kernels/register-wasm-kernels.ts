import {getKernelsForBackend, registerKernel} from '@tensorflow/tfjs-core';
import {conv2dBackpropFilterConfig} from './conv2d-backprop-filter.js';
import {
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
} from './depthwise-backprop.js';

/** Gradient kernels the engine adds to tfjs-backend-wasm 4.x. */
export const WASM_GRADIENT_KERNELS = [
  conv2dBackpropFilterConfig,
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
];

/**
 * Registers the missing gradients once; a later tfjs-backend-wasm that
 * ships its own keeps them.
 */
export function registerWasmKernels(): void {
  const present = new Set(
    getKernelsForBackend('wasm').map((config) => config.kernelName),
  );
  for (const config of WASM_GRADIENT_KERNELS) {
    if (!present.has(config.kernelName)) {
      registerKernel(config);
    }
  }
}
