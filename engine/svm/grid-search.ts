import {Worker} from 'node:worker_threads';
import type {CvJob, CvJobResult, CvShared} from './cv-job.js';
import {stratifiedFolds} from './stratified-folds.js';
import type {SvmParams} from './svm-params.js';

/** Cross-validated score of one grid point. */
export interface GridPointScore {
  readonly params: SvmParams;
  /** Mean of the per-fold accuracies (scikit-learn's mean_test_score). */
  readonly meanAccuracy: number;
  readonly stdAccuracy: number;
  readonly foldAccuracies: readonly number[];
}

export interface GridSearchOptions {
  readonly data: Float64Array;
  readonly dim: number;
  readonly labels: ArrayLike<number>;
  readonly grid: readonly SvmParams[];
  readonly folds: number;
  readonly seed: number;
  /** Threads, each with its own libsvm; one per core is right. */
  readonly workers: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * Scores every grid point by stratified k-fold cross-validation. Each
 * (point, fold) fit is a job; worker threads take the next job as soon as
 * they finish one, so uneven fits still keep every core busy.
 */
export async function searchGrid(
  options: GridSearchOptions,
): Promise<GridPointScore[]> {
  const folds = stratifiedFolds(options.labels, options.folds, options.seed);
  const shared = shareRows(options, folds);
  const jobs = options.grid.flatMap((params, point) =>
    Array.from({length: options.folds}, (_, fold) => ({
      id: point * options.folds + fold,
      params,
      fold,
    })),
  );
  const correct = await runPool(shared, jobs, options);
  const sizes = foldSizes(folds, options.folds);
  return options.grid.map((params, point) =>
    scorePoint(params, correct.slice(point * options.folds), sizes),
  );
}

/** The best point: highest mean accuracy, the earliest on ties. */
export function bestPoint(scores: readonly GridPointScore[]): GridPointScore {
  let best = scores[0];
  for (const score of scores) {
    if (best === undefined || score.meanAccuracy > best.meanAccuracy) {
      best = score;
    }
  }
  if (best === undefined) {
    throw new Error('Internal error: the SVM grid is empty');
  }
  return best;
}

function shareRows(options: GridSearchOptions, folds: Int32Array): CvShared {
  const data = new SharedArrayBuffer(options.data.byteLength);
  new Float64Array(data).set(options.data);
  const labels = new SharedArrayBuffer(options.labels.length * 4);
  new Int32Array(labels).set(Array.from(options.labels));
  const foldBuffer = new SharedArrayBuffer(folds.byteLength);
  new Int32Array(foldBuffer).set(folds);
  return {data, dim: options.dim, labels, folds: foldBuffer};
}

function foldSizes(folds: Int32Array, k: number): number[] {
  const sizes = new Array<number>(k).fill(0);
  for (const fold of folds) {
    sizes[fold] = (sizes[fold] ?? 0) + 1;
  }
  return sizes;
}

function scorePoint(
  params: SvmParams,
  correct: readonly number[],
  sizes: readonly number[],
): GridPointScore {
  const foldAccuracies = sizes.map((size, fold) =>
    size > 0 ? (correct[fold] ?? 0) / size : 0,
  );
  const mean = average(foldAccuracies);
  const variance = average(foldAccuracies.map((a) => (a - mean) ** 2));
  return {
    params,
    meanAccuracy: mean,
    stdAccuracy: Math.sqrt(variance),
    foldAccuracies,
  };
}

function average(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

async function runPool(
  shared: CvShared,
  jobs: readonly CvJob[],
  options: GridSearchOptions,
): Promise<number[]> {
  const url = new URL('./cv-worker.js', import.meta.url);
  const count = Math.max(1, Math.min(options.workers, jobs.length));
  const workers = Array.from(
    {length: count},
    () => new Worker(url, {workerData: shared}),
  );
  try {
    return await dispatch(workers, jobs, options);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

function dispatch(
  workers: readonly Worker[],
  jobs: readonly CvJob[],
  options: GridSearchOptions,
): Promise<number[]> {
  const correct = new Array<number>(jobs.length).fill(0);
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const feed = (worker: Worker): void => {
      const job = jobs[next++];
      if (job !== undefined) {
        worker.postMessage(job);
      }
    };
    const onResult = (worker: Worker, result: CvJobResult): void => {
      if (result.error !== undefined) {
        reject(new Error(`libsvm failed: ${result.error}`));
        return;
      }
      correct[result.id] = result.correct;
      options.onProgress?.(++done, jobs.length);
      if (done === jobs.length) {
        resolve(correct);
      } else if (options.signal?.aborted === true) {
        reject(new Error('SVM grid search cancelled'));
      } else {
        feed(worker);
      }
    };
    for (const worker of workers) {
      worker.on('message', (result: CvJobResult) => {
        onResult(worker, result);
      });
      worker.on('error', reject);
      feed(worker);
    }
  });
}
