import type {BackendName} from '../../engine/backend.js';
import {DataParallelGradients} from '../../engine/parallel/data-parallel.js';
import {balancedClassWeights} from '../../engine/training/class-weights.js';
import {
  fit,
  type EpochReport,
  type FitOptions,
  type FitResult,
} from '../../engine/training/fit.js';
import type {StageContext} from '../../runner/stage-definition.js';
import type {TrainParams} from './definition.js';
import type {MetricLog} from './metric-log.js';
import type {TrainJob} from './prepare-job.js';

type Context = StageContext<TrainParams>;

/**
 * Fits the job's model, streaming per-epoch metrics; returns a one-line
 * summary for the log.
 */
export async function fitJob(
  context: Context,
  job: TrainJob,
  run: {metrics: MetricLog; backend: BackendName},
): Promise<string> {
  const started = performance.now();
  const replicas = replicaCount(context, run.backend);
  run.metrics.add('replicas', replicas);
  const source =
    replicas > 1
      ? await DataParallelGradients.start(job.model, job.train, {
          replicas,
          backend: run.backend,
        })
      : undefined;
  let result: FitResult;
  try {
    result = await fit(
      job.model,
      {train: job.train, ...(job.val && {val: job.val})},
      fitOptions(context, job, run.metrics),
      source,
    );
  } finally {
    await source?.close();
  }
  const seconds = (performance.now() - started) / 1000;
  reportFinal(run.metrics, result, {job, seconds});
  const last = result.history[result.history.length - 1];
  return (
    `trained ${result.history.length} epochs in ${seconds.toFixed(1)} s` +
    ` on ${run.backend}; best epoch ${result.bestEpoch}` +
    (last?.valAccuracy === undefined
      ? ''
      : `, val accuracy ${last.valAccuracy.toFixed(3)}`)
  );
}

/**
 * Threads that share each batch: the `workers` param, or by default one
 * per core on the single-threaded wasm and cpu backends (the native ones
 * already use every core).
 */
function replicaCount(context: Context, backend: BackendName): number {
  if (context.params.workers > 0) return context.params.workers;
  const singleThreaded = backend === 'wasm' || backend === 'cpu';
  return singleThreaded ? Math.max(1, Math.min(context.cores, 8)) : 1;
}

function fitOptions(
  context: Context,
  job: TrainJob,
  metrics: MetricLog,
): FitOptions {
  const {params} = context;
  return {
    optimizer: params.optimizer,
    learningRate: params.lr,
    schedule: params.lr_schedule,
    batchSize: params.batch_size,
    epochs: params.epochs,
    patience: params.patience,
    restoreBest: params.restore_best,
    seed: context.seed,
    signal: context.signal,
    ...(params.class_weights === 'balanced' && {
      classWeights: balancedClassWeights(job.train),
    }),
    ...(job.slowVariables && {
      slow: {variables: job.slowVariables, learningRate: params.fine_tune_lr},
    }),
    onEpoch: (report) => {
      reportEpoch(metrics, report);
    },
    onBatch: (done, total) => {
      context.progress(done, total, 'batches');
    },
  };
}

function reportEpoch(metrics: MetricLog, report: EpochReport): void {
  const step = {step: report.epoch};
  metrics.add('loss', report.loss, step);
  metrics.add('accuracy', report.accuracy, step);
  metrics.add('learning_rate', report.learningRate, step);
  if (report.valLoss !== undefined)
    metrics.add('val_loss', report.valLoss, step);
  if (report.valAccuracy !== undefined) {
    metrics.add('val_accuracy', report.valAccuracy, step);
  }
}

function reportFinal(
  metrics: MetricLog,
  result: FitResult,
  run: {job: TrainJob; seconds: number},
): void {
  const best = result.history[result.bestEpoch - 1];
  const examples = run.job.train.labels.length * result.history.length;
  metrics.add('epochs_run', result.history.length);
  metrics.add('best_epoch', result.bestEpoch);
  metrics.add('stopped_early', result.stoppedEarly ? 1 : 0);
  metrics.add('train_examples', run.job.train.labels.length);
  metrics.add('train_seconds', run.seconds);
  metrics.add('examples_per_second', examples / run.seconds);
  if (best !== undefined) {
    metrics.add('final_loss', best.loss);
    metrics.add('final_accuracy', best.accuracy);
    if (best.valLoss !== undefined) metrics.add('final_val_loss', best.valLoss);
    if (best.valAccuracy !== undefined) {
      metrics.add('final_val_accuracy', best.valAccuracy);
    }
  }
}
