import type {SvmParams} from './svm-params.js';

/** What every cross-validation thread shares, without copies. */
export interface CvShared {
  /** Float64 rows, `dim` values each. */
  readonly data: SharedArrayBuffer;
  readonly dim: number;
  /** Int32 class index per row. */
  readonly labels: SharedArrayBuffer;
  /** Int32 fold number per row. */
  readonly folds: SharedArrayBuffer;
}

/** Fit on every fold but `fold`, score on `fold`. */
export interface CvJob {
  readonly id: number;
  readonly params: SvmParams;
  readonly fold: number;
}

export interface CvJobResult {
  readonly id: number;
  /** Correct predictions on the held-out fold. */
  readonly correct: number;
  readonly error: string | undefined;
}
