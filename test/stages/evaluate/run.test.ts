import assert from 'node:assert/strict';
import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import type {ImagesIndex} from '../../../artifacts/images.js';
import type {MetricsFile} from '../../../artifacts/metrics.js';
import type {PredictionsFile} from '../../../artifacts/predictions.js';
import type {
  MetricOptions,
  StageContext,
} from '../../../runner/stage-definition.js';
import type {EvaluateParams} from '../../../stages/evaluate/definition.js';
import {run as evaluate} from '../../../stages/evaluate/run.js';
import {run as train} from '../../../stages/train/run.js';
import type {TrainParams} from '../../../stages/train/definition.js';
import {
  defaultParams,
  makeContext,
  writeStripeImages,
} from '../train/fixtures.js';

/** Stripe images with a gender attribute on every other image. */
async function writeImages(folder: string, count: number, seed: number) {
  await writeStripeImages(folder, count, seed);
  const file = path.join(folder, 'index.json');
  const index = JSON.parse(await readFile(file, 'utf8')) as ImagesIndex;
  const records = index.records.map((record, i) => ({
    ...record,
    attributes: {gender: i % 2 === 0 ? 'F' : 'M'},
  }));
  await writeFile(file, JSON.stringify({...index, records}));
}

async function trainModel(params: Partial<TrainParams>, images: string) {
  const {context} = await makeContext(defaultParams(params), {train: images});
  await train(context);
  return context.outputs.model ?? '';
}

async function runEvaluate(
  params: Partial<EvaluateParams>,
  inputs: {model: string; images: string},
) {
  const root = await mkdtemp(path.join(tmpdir(), 'evaluate-test-'));
  const outputs = {
    metrics: path.join(root, 'metrics'),
    predictions: path.join(root, 'predictions'),
  };
  await Promise.all(Object.values(outputs).map((dir) => mkdir(dir)));
  const reported: {name: string; value: number; options?: MetricOptions}[] = [];
  const artifact = (p: string, type: 'model' | 'images') => ({
    path: p,
    type,
    digest: 'test',
    producer: 'fixture',
    matrix: {},
  });
  const context: StageContext<EvaluateParams> = {
    params: {batch_size: 16, backend: 'cpu', ...params},
    inputs: {
      model: artifact(inputs.model, 'model'),
      images: artifact(inputs.images, 'images'),
    },
    outputs,
    workspace: root,
    instance: 'evaluate',
    seed: 1,
    cores: 2,
    tempDir: root,
    signal: new AbortController().signal,
    log: () => undefined,
    progress: () => undefined,
    metric: (name, value, options) => {
      reported.push({name, value, ...(options && {options})});
    },
  };
  await evaluate(context);
  const read = async <T>(port: keyof typeof outputs, file: string) =>
    JSON.parse(await readFile(path.join(outputs[port], file), 'utf8')) as T;
  return {
    reported,
    metrics: await read<MetricsFile>('metrics', 'metrics.json'),
    predictions: await read<PredictionsFile>('predictions', 'predictions.json'),
  };
}

test('evaluate scores an svm overall and per group', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'evaluate-svm-'));
  await writeImages(path.join(root, 'train'), 45, 3);
  await writeImages(path.join(root, 'test'), 24, 9);
  const model = await trainModel(
    {model: 'svm', grid_search: false},
    path.join(root, 'train'),
  );
  const result = await runEvaluate(
    {},
    {model, images: path.join(root, 'test')},
  );
  assert.equal(result.predictions.truth.length, 24);
  assert.equal(result.predictions.probabilities[0]?.length, 3);
  const accuracy = result.metrics.metrics.find(
    (m) => m.name === 'accuracy' && m.labels === undefined,
  );
  assert.ok(accuracy !== undefined && accuracy.value > 0.9);
  const groups = result.metrics.metrics.filter(
    (m) => m.name === 'accuracy' && m.labels?.attribute === 'gender',
  );
  assert.deepEqual(
    groups.map((m) => m.labels?.group),
    ['F', 'M'],
  );
  assert.ok(result.metrics.metrics.some((m) => m.name === 'accuracy_gap'));
  assert.equal(result.reported.length, result.metrics.metrics.length);
});

test('evaluate scores a tensorflow.js model and rejects unknown group_by', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'evaluate-cnn-'));
  await writeImages(path.join(root, 'train'), 24, 3);
  const model = await trainModel(
    {model: 'cnn', conv_layers: 1, epochs: 1, backend: 'cpu', filters: 4},
    path.join(root, 'train'),
  );
  const result = await runEvaluate(
    {},
    {model, images: path.join(root, 'train')},
  );
  const sums = result.predictions.probabilities.map((row) =>
    row.reduce((a, b) => a + b, 0),
  );
  assert.ok(sums.every((sum) => Math.abs(sum - 1) < 1e-4));
  await assert.rejects(
    runEvaluate(
      {group_by: ['angle']},
      {model, images: path.join(root, 'train')},
    ),
    /group_by names angle, which the images do not have; present: gender/,
  );
});
