import {loadLibsvm} from './libsvm.js';
import {
  fillGramRows,
  gramNorms,
  kernelFromGram,
  kernelRows,
  type Gram,
} from './precomputed-kernel.js';
import {resolveGamma, toCommand, type SvmParams} from './svm-params.js';

/** A fitted SVM: libsvm's model text over a precomputed kernel. */
export interface FittedSvm {
  readonly params: SvmParams;
  /** The gamma value the rule gave on the training rows. */
  readonly gamma: number;
  /** libsvm's model text; its support vectors are training row serials. */
  readonly model: string;
  readonly supportVectors: number;
}

export interface FitSvmOptions {
  readonly data: Float64Array;
  readonly dim: number;
  readonly labels: ArrayLike<number>;
  readonly params: SvmParams;
  /** Also fit libsvm's probability model (Platt scaling, `-b 1`). */
  readonly probability: boolean;
  /** Inner products of `data` when already known (from the grid search). */
  readonly gram?: Gram;
}

/** Fits one SVM on every row, as the final model after a grid search. */
export async function fitSvm(options: FitSvmOptions): Promise<FittedSvm> {
  const {data, dim, params} = options;
  const count = options.labels.length;
  const gram = options.gram ?? computeGram(data, dim);
  const all = Int32Array.from({length: count}, (_, i) => i);
  const gamma = resolveGamma(params.gamma, data, dim, all);
  const kernelAt = kernelFromGram({kernel: params.kernel, gamma}, gram);
  const libsvm = await loadLibsvm();
  const command = toCommand(params, gamma, {
    precomputed: true,
    probability: options.probability,
  });
  const model = libsvm.train(
    kernelRows(kernelAt, all, all),
    options.labels,
    command,
  );
  try {
    const text = libsvm.serialize(model);
    return {params, gamma, model: text, supportVectors: countSupport(text)};
  } finally {
    libsvm.free(model);
  }
}

/** Inner products of every pair of rows, on this thread. */
export function computeGram(data: Float64Array, dim: number): Gram {
  const count = data.length / dim;
  const products = new Float64Array(count * count);
  fillGramRows(data, dim, products, {from: 0, to: count});
  return {products, norms: gramNorms(products, count), count};
}

function countSupport(text: string): number {
  const match = /^total_sv (\d+)$/m.exec(text);
  return match === null ? 0 : Number(match[1]);
}
