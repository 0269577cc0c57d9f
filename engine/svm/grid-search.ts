import {Worker} from 'node:worker_threads';
import type {CvJob, CvJobResult, CvShared} from './cv-job.js';
import {gramNorms, splitTriangle, type Gram} from './precomputed-kernel.js';
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

export interface GridSearchResult {
  /** One score per grid point, in grid order. */
  readonly scores: GridPointScore[];
  /** Inner products of all rows, for the final fit to reuse. */
  readonly gram: Gram;
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
): Promise<GridSearchResult> {
  const folds = stratifiedFolds(options.labels, options.folds, options.seed);
  const shared = shareRows(options, folds);
  const correct = await runPool(shared, options);
  const sizes = foldSizes(folds, options.folds);
  const scores = options.grid.map((params, point) =>
    scorePoint(params, correct.slice(point * options.folds), sizes),
  );
  const products = new Float64Array(shared.products);
  const count = options.labels.length;
  return {scores, gram: {products, norms: gramNorms(products, count), count}};
}

/**
 * One fit job per (grid point, fold), ids in grid order. They are sent
 * costliest first (large C, linear before the others) so that a slow fit
 * does not start last and leave a core idle at the end.
 */
function fitJobs(options: GridSearchOptions): CvJob[] {
  const jobs = options.grid.flatMap((params, point) =>
    Array.from({length: options.folds}, (_, fold) => ({
      kind: 'fit' as const,
      id: point * options.folds + fold,
      params,
      fold,
    })),
  );
  const cost = (job: (typeof jobs)[number]): number =>
    job.params.C * (job.params.kernel === 'linear' ? 10 : 1);
  return jobs.sort((a, b) => cost(b) - cost(a));
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
  const count = options.labels.length;
  const products = new SharedArrayBuffer(count * count * 8);
  return {data, dim: options.dim, labels, folds: foldBuffer, products};
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
  options: GridSearchOptions,
): Promise<number[]> {
  const url = new URL('./cv-worker.js', import.meta.url);
  const count = Math.max(1, options.workers);
  const pool = new JobPool(
    Array.from({length: count}, () => new Worker(url, {workerData: shared})),
  );
  try {
    const ranges = splitTriangle(options.labels.length, count);
    await pool.run(
      ranges.map((range, id) => ({kind: 'gram' as const, id, ...range})),
      {},
    );
    return await pool.run(fitJobs(options), options);
  } finally {
    await pool.close();
  }
}

type Listener = (worker: Worker, result: CvJobResult) => void;

/**
 * Worker threads fed one job at a time. Listeners are attached once:
 * detaching a Worker's last `message` listener unrefs its port.
 */
class JobPool {
  readonly #workers: readonly Worker[];
  #onResult: Listener = () => undefined;
  #onError: (error: Error) => void = () => undefined;

  constructor(workers: readonly Worker[]) {
    this.#workers = workers;
    for (const worker of workers) {
      worker.on('message', (result: CvJobResult) => {
        this.#onResult(worker, result);
      });
      worker.on('error', (error) => {
        this.#onError(error);
      });
    }
  }

  /** Runs every job; resolves with each job's `correct`, by job id. */
  run(
    jobs: readonly CvJob[],
    options: Pick<GridSearchOptions, 'onProgress' | 'signal'>,
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
      this.#onError = reject;
      this.#onResult = (worker, result) => {
        if (result.error !== undefined) {
          reject(new Error(`libsvm failed: ${result.error}`));
          return;
        }
        correct[result.id] = result.correct;
        done += 1;
        options.onProgress?.(done, jobs.length);
        if (done === jobs.length) {
          resolve(correct);
        } else if (options.signal?.aborted === true) {
          reject(new Error('SVM grid search cancelled'));
        } else {
          feed(worker);
        }
      };
      this.#workers.forEach(feed);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}
