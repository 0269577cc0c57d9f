import {
  getKernelsForBackend,
  type KernelConfig,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type {WasmHeap} from './wasm-heap.js';

// The backend's own kernels, kept when the engine wraps one of them.
const originals = new Map<string, KernelConfig>();

/** Remembers the backend's kernel before the engine replaces it. */
export function keepOriginalKernel(name: string): KernelConfig | undefined {
  const found = getKernelsForBackend('wasm').find(
    (config) => config.kernelName === name,
  );
  if (found !== undefined && !originals.has(name)) originals.set(name, found);
  return originals.get(name);
}

/**
 * Runs a wasm kernel directly, outside the engine's tape: the backend's
 * original when the engine has wrapped it.
 */
export function runWasmKernel(
  backend: WasmHeap,
  name: string,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap,
): TensorInfo {
  const kernel = originals.get(name) ?? keepOriginalKernel(name);
  if (kernel === undefined) {
    throw new Error(`Internal error: wasm kernel ${name} is missing.`);
  }
  return kernel.kernelFunc({
    inputs,
    backend,
    attrs,
  }) as TensorInfo;
}
