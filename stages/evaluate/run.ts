import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {ImageRecord} from '../../artifacts/images.js';
import {loadModelMeta} from '../../artifacts/load-model.js';
import type {MetricRecord, MetricsFile} from '../../artifacts/metrics.js';
import type {ModelMeta} from '../../artifacts/model.js';
import type {PredictionsFile} from '../../artifacts/predictions.js';
import {computeReport} from '../../engine/metrics/classification-report.js';
import {
  groupMetrics,
  presentAttributes,
} from '../../engine/metrics/group-metrics.js';
import {reportMetrics} from '../../engine/metrics/report-metrics.js';
import {readLabeledFeatures} from '../../engine/training/read-labeled-features.js';
import {readLabeledImages} from '../../engine/training/read-labeled-images.js';
import type {
  InputArtifact,
  StageContext,
} from '../../runner/stage-definition.js';
import type {EvaluateParams} from './definition.js';
import {
  predictProbabilities,
  type SampleRows,
} from './predict-probabilities.js';

type Context = StageContext<EvaluateParams>;

/** What is scored: rows for the model, and each row's truth and groups. */
interface Evaluated {
  readonly rows: SampleRows;
  readonly labels: readonly string[];
  readonly records: readonly ImageRecord[];
}

/** Runs an `evaluate` stage instance. */
export async function run(ctx: Context): Promise<void> {
  const modelFolder = requireInput(ctx, 'model').path;
  const meta = await loadModelMeta(modelFolder);
  const data = await readEvaluated(ctx, meta);
  checkLabels(meta, data.labels);
  ctx.log(`scoring ${meta.kind} on ${data.rows.count} images`);
  const probabilities = await predictProbabilities(
    modelFolder,
    meta,
    data.rows,
    {
      batchSize: ctx.params.batch_size,
      backend: ctx.params.backend,
      onProgress: (done, total) => {
        ctx.progress(done, total, 'images');
      },
    },
  );
  const predictions: PredictionsFile = {
    format: 'predictions/v1',
    labels: meta.labels,
    truth: data.records.map((record) => record.label),
    probabilities,
    attributes: data.records.map((record) => record.attributes),
  };
  await writeJson(ctx, 'predictions', 'predictions.json', predictions);
  await writeJson(ctx, 'metrics', 'metrics.json', scoreAll(ctx, predictions));
}

async function readEvaluated(
  ctx: Context,
  meta: ModelMeta,
): Promise<Evaluated> {
  if (meta.input === 'features') {
    const input = ctx.inputs.features;
    const features = Array.isArray(input) ? input[0] : input;
    if (features === undefined) {
      throw new Error(
        `evaluate: the model reads ${meta.kind} features, not pixels; ` +
          'connect `features:` to a features artifact of the same images',
      );
    }
    const {set, index} = await readLabeledFeatures(features.path);
    return {
      rows: {x: set.x, sampleShape: set.sampleShape, count: index.count},
      labels: index.labels,
      records: index.records,
    };
  }
  const {set, index} = await readLabeledImages(
    requireInput(ctx, 'images').path,
  );
  return {
    rows: {x: set.x, sampleShape: set.sampleShape, count: index.count},
    labels: index.labels,
    records: index.records,
  };
}

function checkLabels(meta: ModelMeta, labels: readonly string[]): void {
  if (JSON.stringify(meta.labels) !== JSON.stringify(labels)) {
    throw new Error(
      `evaluate: the model was trained on classes ` +
        `[${meta.labels.join(', ')}] but the images are labelled ` +
        `[${labels.join(', ')}]; evaluate on images of the same dataset`,
    );
  }
}

/** Every metric, reported to the runner and gathered for metrics.json. */
function scoreAll(ctx: Context, predictions: PredictionsFile): MetricsFile {
  const report = computeReport(
    predictions.truth,
    predictions.probabilities,
    predictions.labels.length,
  );
  const attributes = chooseAttributes(ctx, predictions);
  const metrics: MetricRecord[] = [
    ...reportMetrics(report, predictions.labels),
    ...groupMetrics(predictions, attributes),
  ];
  for (const record of metrics) {
    ctx.metric(record.name, record.value, {
      ...(record.labels !== undefined && {labels: record.labels}),
    });
  }
  return {
    format: 'metrics/v1',
    metrics,
    tables: {confusion: {labels: predictions.labels, rows: report.confusion}},
  };
}

function chooseAttributes(
  ctx: Context,
  predictions: PredictionsFile,
): string[] {
  const present = presentAttributes(predictions);
  const wanted = ctx.params.group_by ?? present;
  const missing = wanted.filter((name) => !present.includes(name));
  if (missing.length > 0) {
    throw new Error(
      `evaluate: group_by names ${missing.join(', ')}, which the images ` +
        `do not have; present: ${present.join(', ') || 'none'}`,
    );
  }
  return wanted;
}

function requireInput(ctx: Context, port: string): InputArtifact {
  const input = ctx.inputs[port];
  const artifact = Array.isArray(input) ? input[0] : input;
  if (artifact === undefined) {
    throw new Error(`Internal error: evaluate has no \`${port}\` input`);
  }
  return artifact;
}

async function writeJson(
  ctx: Context,
  port: string,
  file: string,
  value: unknown,
): Promise<void> {
  const folder = ctx.outputs[port];
  if (folder === undefined) {
    throw new Error(`Internal error: evaluate has no \`${port}\` output`);
  }
  await writeFile(path.join(folder, file), JSON.stringify(value) + '\n');
}
