import type {DataId, DataType, TensorInfo} from '@tensorflow/tfjs-core';

/**
 * The part of tfjs-backend-wasm's BackendWasm that the added kernels use:
 * tensors live in the WebAssembly heap and are read and written in place.
 */
export interface WasmHeap {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): ArrayLike<number>;
  disposeData(dataId: DataId, force?: boolean): boolean;
}
