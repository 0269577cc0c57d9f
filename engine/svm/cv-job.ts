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
  /** Float64 `count x count` inner products, filled by `gram` jobs. */
  readonly products: SharedArrayBuffer;
}

/**
 * `gram`: fill rows `from..to` of the inner products. `fit`: train on every
 * fold but `fold`, score on `fold`.
 */
export type CvJob =
  | {
      readonly kind: 'gram';
      readonly id: number;
      readonly from: number;
      readonly to: number;
    }
  | {
      readonly kind: 'fit';
      readonly id: number;
      readonly params: SvmParams;
      readonly fold: number;
    };

export interface CvJobResult {
  readonly id: number;
  /** Correct predictions on the held-out fold (0 for `gram`). */
  readonly correct: number;
  readonly error: string | undefined;
}
