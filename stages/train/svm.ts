import {mkdir} from 'node:fs/promises';
import type {ModelMeta} from '../../artifacts/model.js';
import {saveModelMeta} from '../../artifacts/save-model.js';
import type {
  InputArtifact,
  StageContext,
} from '../../runner/stage-definition.js';
import {
  readFeatureRows,
  readPixelRows,
  rowLabels,
  type InputRows,
} from '../../engine/read-input-rows.js';
import {fitSvm} from '../../engine/svm/fit-svm.js';
import {
  bestPoint,
  searchGrid,
  type GridPointScore,
} from '../../engine/svm/grid-search.js';
import type {Gram} from '../../engine/svm/precomputed-kernel.js';
import {applyScaler, fitScaler} from '../../engine/svm/standard-scaler.js';
import {
  predictSvm,
  writeSvmModel,
  type SvmModel,
} from '../../engine/svm/svm-model-file.js';
import {
  expandGrid,
  type GammaRule,
  type Kernel,
  type SvmParams,
} from '../../engine/svm/svm-params.js';
import {MetricLog} from './metric-log.js';

/** The `train` parameters an SVM reads. */
export interface SvmTrainParams {
  readonly svm_c: readonly number[];
  readonly svm_kernels: readonly Kernel[];
  readonly svm_gamma: readonly (GammaRule | number)[];
  readonly folds: number;
  readonly grid_search: boolean;
}

/** Without a grid search: libsvm's and scikit-learn's default SVC. */
const UNTUNED: SvmParams = {kernel: 'rbf', C: 1, gamma: 'scale'};

/**
 * `train` with `model: svm`: standardise the rows (statistics of the
 * training rows, saved with the model), grid-search by stratified k-fold
 * CV, refit the best point on every row with probability estimates, and
 * write the model artifact. Reads `features` when given, else `train`.
 */
export async function trainSvmStage(
  ctx: StageContext<SvmTrainParams>,
): Promise<void> {
  const rows = await readRows(ctx, 'features', 'train');
  const labels = rowLabels(rows);
  const scaler = fitScaler(Float64Array.from(rows.data), rows.dim);
  const data = applyScaler(scaler, rows.data);
  ctx.log(`SVM on ${rows.count} ${rows.input} rows of ${rows.dim} values`);
  const metrics = new MetricLog(ctx);
  const {best, grid, gram} = await chooseParams(
    {ctx, metrics},
    data,
    rows.dim,
    labels,
  );
  ctx.log(`fitting ${describe(best)} on all ${rows.count} rows`);
  const fitted = await fitSvm({
    data,
    dim: rows.dim,
    labels,
    params: best,
    probability: true,
    ...(gram === undefined ? {} : {gram}),
  });
  metrics.add('support_vectors', fitted.supportVectors);
  const file = {
    format: 'svm/v1' as const,
    params: fitted.params,
    gamma: fitted.gamma,
    dim: rows.dim,
    rowCount: rows.count,
    scaler,
    libsvm: fitted.model,
    grid,
  };
  await writeModel(ctx, rows, file, data);
  await scoreValidation({ctx, metrics}, {file, rows: data});
  const folder = ctx.outputs.metrics;
  if (folder !== undefined) {
    await metrics.save(folder);
  }
}

async function readRows(
  ctx: StageContext<SvmTrainParams>,
  featuresPort: string,
  imagesPort: string,
): Promise<InputRows> {
  const features = single(ctx.inputs[featuresPort]);
  if (features !== undefined) {
    return readFeatureRows(features.path);
  }
  const images = single(ctx.inputs[imagesPort]);
  if (images === undefined) {
    throw new Error(
      `train (svm): no input rows; connect \`${imagesPort}:\` to images ` +
        `or \`${featuresPort}:\` to features`,
    );
  }
  return readPixelRows(images.path);
}

function single(
  input: InputArtifact | InputArtifact[] | undefined,
): InputArtifact | undefined {
  return Array.isArray(input) ? input[0] : input;
}

/** The stage's context and the log its metrics go through. */
interface Reporting {
  readonly ctx: StageContext<SvmTrainParams>;
  readonly metrics: MetricLog;
}

async function chooseParams(
  {ctx, metrics}: Reporting,
  data: Float64Array,
  dim: number,
  labels: Int32Array,
): Promise<{best: SvmParams; grid: GridPointScore[]; gram?: Gram}> {
  const {params} = ctx;
  if (!params.grid_search) {
    return {best: UNTUNED, grid: []};
  }
  const grid = expandGrid({
    C: params.svm_c,
    kernels: params.svm_kernels,
    gammas: params.svm_gamma,
  });
  checkFolds(labels, params.folds);
  const {scores, gram} = await searchGrid({
    data,
    dim,
    labels,
    grid,
    folds: params.folds,
    seed: ctx.seed,
    workers: Math.max(1, ctx.cores),
    onProgress: (done, total) => {
      ctx.progress(done, total, 'cross-validation fits');
    },
    signal: ctx.signal,
  });
  recordGrid(metrics, scores);
  return {best: bestPoint(scores).params, grid: scores, gram};
}

function checkFolds(labels: Int32Array, folds: number): void {
  if (folds < 2 || folds > labels.length) {
    throw new Error(
      `train (svm): folds is ${folds} but must be between 2 and the ` +
        `number of training images (${labels.length})`,
    );
  }
}

/** Every grid point, then the winner, as metrics labelled by parameters. */
function recordGrid(
  metrics: MetricLog,
  scores: readonly GridPointScore[],
): void {
  for (const score of scores) {
    const labels = paramLabels(score.params);
    metrics.add('cv_accuracy', score.meanAccuracy, {labels});
    metrics.add('cv_accuracy_std', score.stdAccuracy, {labels});
  }
  const best = bestPoint(scores);
  metrics.add('best_cv_accuracy', best.meanAccuracy, {
    labels: paramLabels(best.params),
  });
}

function paramLabels(params: SvmParams): Record<string, string | number> {
  return {kernel: params.kernel, C: params.C, gamma: params.gamma};
}

function describe(params: SvmParams): string {
  return `kernel=${params.kernel} C=${params.C} gamma=${params.gamma}`;
}

async function writeModel(
  ctx: StageContext<SvmTrainParams>,
  rows: InputRows,
  file: Parameters<typeof writeSvmModel>[1],
  data: Float64Array,
): Promise<void> {
  const folder = ctx.outputs.model;
  if (folder === undefined) {
    throw new Error('Internal error: train has no model output');
  }
  await mkdir(folder, {recursive: true});
  const meta: ModelMeta = {
    format: 'model/v1',
    kind: 'svm',
    labels: rows.labels,
    inputShape: [...rows.shape],
    normalization: rows.normalization,
    input: rows.input,
    trainableParams: 0,
  };
  await saveModelMeta(folder, meta);
  await writeSvmModel(folder, file, data);
}

/** Accuracy on `val` / `val_features` when connected. */
async function scoreValidation(
  {ctx, metrics}: Reporting,
  model: SvmModel,
): Promise<void> {
  const hasVal = single(ctx.inputs.val_features) ?? single(ctx.inputs.val);
  if (hasVal === undefined) {
    return;
  }
  const rows = await readRows(ctx, 'val_features', 'val');
  const labels = rowLabels(rows);
  const probabilities = await predictSvm(model, rows.data, rows.labels.length);
  const hits = probabilities.filter(
    (row, i) => row.indexOf(Math.max(...row)) === labels[i],
  ).length;
  metrics.add('val_accuracy', rows.count > 0 ? hits / rows.count : 0);
}
