import {createRequire} from 'node:module';

/** The parts of the emscripten module of libsvm-js that this file uses. */
interface LibsvmModule {
  load(): Promise<void>;
  HEAPF64: Float64Array;
  HEAP32: Int32Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  _create_svm_nodes(count: number, dim: number): number;
  _add_instance(
    problem: number,
    row: number,
    dim: number,
    label: number,
    index: number,
  ): void;
  _free_problem(problem: number): void;
  _libsvm_predict_one(model: number, row: number, dim: number): number;
  _libsvm_predict_one_probability(
    model: number,
    row: number,
    dim: number,
    estimates: number,
  ): number;
  _svm_get_nr_class(model: number): number;
  _svm_get_labels(model: number, out: number): void;
  _svm_free_model(model: number): void;
  _serialize_model(model: number): number;
  cwrap(
    name: string,
    returns: 'number' | null,
    args: readonly string[],
  ): (...args: (number | string)[]) => number;
  Pointer_stringify(pointer: number): string;
}

/**
 * Rows handed to libsvm one at a time: `fill` writes row `i` (`dim`
 * values) into `out`. Rows are produced on demand so that a precomputed
 * kernel row never has to exist for every sample at once outside the heap.
 */
export interface RowSource {
  readonly count: number;
  readonly dim: number;
  fill(i: number, out: Float64Array): void;
}

/** A trained libsvm model living in the WebAssembly heap. */
export interface LibsvmModel {
  readonly pointer: number;
  /** The training problem the model's support vectors point into. */
  readonly problem: number;
}

/**
 * libsvm compiled to WebAssembly (libsvm-js), driven through its C entry
 * points with rows copied straight into the heap: the class wrapper that
 * libsvm-js exports copies every row through a byte array and a JS call.
 */
export class Libsvm {
  readonly #module: LibsvmModule;
  readonly #train: (problem: number, command: string) => number;
  readonly #deserialize: (text: string) => number;
  #row = 0;
  #rowBytes = 0;

  constructor(module: LibsvmModule) {
    this.#module = module;
    this.#train = module.cwrap('libsvm_train_problem', 'number', [
      'number',
      'string',
    ]);
    this.#deserialize = module.cwrap('deserialize_model', 'number', ['string']);
  }

  /** Trains on every row of `rows`; `command` is libsvm's. */
  train(
    rows: RowSource,
    labels: ArrayLike<number>,
    command: string,
  ): LibsvmModel {
    const module = this.#module;
    const problem = module._create_svm_nodes(rows.count, rows.dim);
    for (let i = 0; i < rows.count; i++) {
      const row = this.#copyRow(rows, i);
      module._add_instance(problem, row, rows.dim, labels[i] ?? 0, i);
    }
    return {pointer: this.#train(problem, command), problem};
  }

  /** Predicted label of each row. */
  predict(model: LibsvmModel, rows: RowSource): Int32Array {
    const predicted = new Int32Array(rows.count);
    for (let i = 0; i < rows.count; i++) {
      const row = this.#copyRow(rows, i);
      predicted[i] = this.#module._libsvm_predict_one(
        model.pointer,
        row,
        rows.dim,
      );
    }
    return predicted;
  }

  /**
   * Class probabilities of one row, in the order of `labels(model)`; the
   * model must have been trained with `-b 1`.
   */
  predictProbability(
    model: LibsvmModel,
    rows: RowSource,
    index: number,
  ): Float64Array {
    const module = this.#module;
    const count = module._svm_get_nr_class(model.pointer);
    const out = module._malloc(count * 8);
    const row = this.#copyRow(rows, index);
    module._libsvm_predict_one_probability(model.pointer, row, rows.dim, out);
    const estimates = module.HEAPF64.slice(out / 8, out / 8 + count);
    module._free(out);
    return estimates;
  }

  /** The class labels a model knows, in its internal order. */
  labels(model: LibsvmModel): Int32Array {
    const module = this.#module;
    const count = module._svm_get_nr_class(model.pointer);
    const out = module._malloc(count * 4);
    module._svm_get_labels(model.pointer, out);
    const labels = module.HEAP32.slice(out / 4, out / 4 + count);
    module._free(out);
    return labels;
  }

  /** libsvm's own text format of a model (`svm_save_model`). */
  serialize(model: LibsvmModel): string {
    const pointer = this.#module._serialize_model(model.pointer);
    const text = this.#module.Pointer_stringify(pointer);
    this.#module._free(pointer);
    return text;
  }

  /** Reads a model written by {@link serialize}. */
  deserialize(text: string): LibsvmModel {
    return {pointer: this.#deserialize(text), problem: 0};
  }

  free(model: LibsvmModel): void {
    this.#module._svm_free_model(model.pointer);
    if (model.problem !== 0) {
      this.#module._free_problem(model.problem);
    }
  }

  #copyRow(rows: RowSource, index: number): number {
    const bytes = rows.dim * 8;
    if (bytes > this.#rowBytes) {
      if (this.#row !== 0) {
        this.#module._free(this.#row);
      }
      this.#row = this.#module._malloc(bytes);
      this.#rowBytes = bytes;
    }
    // HEAPF64 is replaced when the heap grows: read it on every use.
    const heap = this.#module.HEAPF64;
    rows.fill(index, heap.subarray(this.#row / 8, this.#row / 8 + rows.dim));
    return this.#row;
  }
}

let loading: Promise<Libsvm> | undefined;

/**
 * Loads the WebAssembly build of libsvm-js once per thread. It is loaded
 * from disk: the streaming path (fetch) cannot read file paths and would
 * print a warning before falling back.
 */
export function loadLibsvm(): Promise<Libsvm> {
  loading ??= instantiate();
  return loading;
}

async function instantiate(): Promise<Libsvm> {
  const require = createRequire(import.meta.url);
  const listeners = process.listeners('unhandledRejection');
  const savedFetch = globalThis.fetch;
  Reflect.deleteProperty(globalThis, 'fetch');
  let module: LibsvmModule;
  try {
    module = require('libsvm-js/out/wasm/libsvm.js') as LibsvmModule;
  } finally {
    globalThis.fetch = savedFetch;
  }
  removeAddedListeners(listeners);
  await module.load();
  return new Libsvm(module);
}

// The emscripten runtime installs a handler that exits the process on any
// unhandled rejection; the stage runner, not libsvm, decides that.
function removeAddedListeners(before: readonly unknown[]): void {
  for (const listener of process.listeners('unhandledRejection')) {
    if (!before.includes(listener)) {
      process.off('unhandledRejection', listener);
    }
  }
}
