import type {LayersModel} from '@tensorflow/tfjs';
import type {ModelMeta} from '../../artifacts/model.js';
import {saveModel} from '../../artifacts/save-model.js';
import {selectBackend, type BackendName} from '../../engine/backend.js';
import type {StageContext} from '../../runner/stage-definition.js';
import type {TrainParams} from './definition.js';
import {MetricLog} from './metric-log.js';
import {prepareJob} from './prepare-job.js';
import {fitJob} from './fit-job.js';

type Context = StageContext<TrainParams>;

/** Runs a `train` stage instance: dispatches on `model`. */
export async function run(context: Context): Promise<void> {
  if (context.params.model === 'svm') {
    await runSvm(context);
    return;
  }
  const metrics = new MetricLog(context);
  const backend = await startBackend(context, metrics);
  const job = await prepareJob(context);
  try {
    const outcome = await fitJob(context, job, {metrics, backend});
    await saveModel(context.outputs['model'] ?? '', job.model, {
      ...job.meta,
      trainableParams: countTrainable(job.model),
    } satisfies ModelMeta);
    context.log(outcome);
    await metrics.save(context.outputs['metrics'] ?? '');
  } finally {
    job.model.dispose();
  }
}

async function startBackend(
  context: Context,
  metrics: MetricLog,
): Promise<BackendName> {
  const requested = context.params.backend;
  const backend = await selectBackend(
    requested === 'auto' ? undefined : requested,
  );
  context.log(`TensorFlow.js backend: ${backend}`);
  metrics.add('backend', 1, {labels: {backend}});
  return backend;
}

/** libsvm needs no TensorFlow.js: it loads only when asked for. */
async function runSvm(context: Context): Promise<void> {
  const {trainSvmStage} = await import('./svm.js');
  await trainSvmStage(context);
}

function countTrainable(model: LayersModel): number {
  return model.trainableWeights.reduce(
    (sum, weight) =>
      sum + weight.shape.reduce<number>((a, b) => a * (b ?? 1), 1),
    0,
  );
}
