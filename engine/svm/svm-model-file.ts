import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {GridPointScore} from './grid-search.js';
import {loadLibsvm} from './libsvm.js';
import {crossKernelRows} from './precomputed-kernel.js';
import {applyScaler, type StandardScaler} from './standard-scaler.js';
import type {SvmParams} from './svm-params.js';

/**
 * `svm.json` of an SVM `model` artifact. The libsvm model uses a
 * precomputed kernel, so its support vectors are serial numbers of the
 * training rows, which sit beside it in `svm-rows.bin` (float64,
 * standardised, `rowCount x dim`).
 */
export interface SvmModelFile {
  readonly format: 'svm/v1';
  readonly params: SvmParams;
  readonly gamma: number;
  readonly dim: number;
  readonly rowCount: number;
  readonly scaler: StandardScaler;
  /** libsvm's model text (labels are class indices). */
  readonly libsvm: string;
  /** The cross-validated grid, when one was searched. */
  readonly grid: readonly GridPointScore[];
}

const ROWS_FILE = 'svm-rows.bin';

/** Writes `svm.json` and `svm-rows.bin` into a model folder. */
export async function writeSvmModel(
  folder: string,
  file: SvmModelFile,
  rows: Float64Array,
): Promise<void> {
  await writeFile(join(folder, ROWS_FILE), new Uint8Array(rows.buffer));
  await writeFile(join(folder, 'svm.json'), JSON.stringify(file) + '\n');
}

/** A loaded SVM model, ready to score raw (unscaled) rows. */
export interface SvmModel {
  readonly file: SvmModelFile;
  readonly rows: Float64Array;
}

export async function readSvmModel(folder: string): Promise<SvmModel> {
  const path = join(folder, 'svm.json');
  const file = JSON.parse(await readFile(path, 'utf8')) as SvmModelFile;
  const format: unknown = file.format;
  if (format !== 'svm/v1') {
    throw new Error(
      `${path}: expected an svm/v1 model, found ${String(format)}`,
    );
  }
  const bytes = await readFile(join(folder, ROWS_FILE));
  const rows = new Float64Array(file.rowCount * file.dim);
  new Uint8Array(rows.buffer).set(bytes);
  return {file, rows};
}

/**
 * Class probabilities of raw rows (`dim` values each), `classCount` per
 * row in class-index order; classes the model never saw get 0.
 */
export async function predictSvm(
  model: SvmModel,
  samples: ArrayLike<number>,
  classCount: number,
): Promise<number[][]> {
  const {file} = model;
  const scaled = applyScaler(file.scaler, samples);
  const spec = {kernel: file.params.kernel, gamma: file.gamma};
  const rows = crossKernelRows(spec, model.rows, scaled, file.dim);
  const libsvm = await loadLibsvm();
  const fitted = libsvm.deserialize(file.libsvm);
  try {
    const order = libsvm.labels(fitted);
    return Array.from({length: rows.count}, (_, i) => {
      const estimates = libsvm.predictProbability(fitted, rows, i);
      const out = new Array<number>(classCount).fill(0);
      order.forEach((label, k) => (out[label] = estimates[k] ?? 0));
      return out;
    });
  } finally {
    libsvm.free(fitted);
  }
}
