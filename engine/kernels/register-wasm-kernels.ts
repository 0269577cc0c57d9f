import {
  getKernelsForBackend,
  registerKernel,
  unregisterKernel,
} from '@tensorflow/tfjs-core';
import {batchMatMulConfig, fusedMatMulConfig} from './batch-mat-mul.js';
import {conv2dBackpropFilterConfig} from './conv2d-backprop-filter.js';
import {conv2dBackpropInputConfig} from './conv2d-backprop-input.js';
import {maxPoolGradConfig} from './max-pool-grad.js';
import {keepOriginalKernel} from './run-wasm-kernel.js';
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

/** Faster replacements for kernels tfjs-backend-wasm has but runs slowly. */
export const WASM_FASTER_KERNELS = [
  batchMatMulConfig,
  fusedMatMulConfig,
  conv2dBackpropInputConfig,
  maxPoolGradConfig,
];

let registered = false;

/**
 * Registers the missing gradients and the faster replacements once; a later tfjs-backend-wasm that
 * ships its own keeps them.
 */
export function registerWasmKernels(): void {
  if (registered) return;
  registered = true;
  for (const config of WASM_FASTER_KERNELS) {
    keepOriginalKernel(config.kernelName);
    unregisterKernel(config.kernelName, 'wasm');
    registerKernel(config);
  }
  const present = new Set(
    getKernelsForBackend('wasm').map((config) => config.kernelName),
  );
  for (const config of WASM_GRADIENT_KERNELS) {
    if (!present.has(config.kernelName)) {
      registerKernel(config);
    }
  }
}
