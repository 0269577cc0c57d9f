import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import type {ModelMeta} from '../../../artifacts/model.js';
import {readPixelRows} from '../../../engine/read-input-rows.js';
import {predictSvm, readSvmModel} from '../../../engine/svm/svm-model-file.js';
import {run} from '../../../stages/train/run.js';
import {defaultParams, makeContext, writeStripeImages} from './fixtures.js';

test('svm grid-searches, records the grid and scores validation', async () => {
  const {context, recorded} = await makeContext(
    defaultParams({
      model: 'svm',
      svm_c: [1, 10],
      svm_kernels: ['linear', 'rbf'],
      svm_gamma: ['scale'],
      folds: 3,
    }),
    {},
  );
  const train = path.join(context.tempDir, 'train');
  const val = path.join(context.tempDir, 'val');
  await writeStripeImages(train, 45, 3);
  await writeStripeImages(val, 30, 11);
  Object.assign(context.inputs, {
    train: {
      path: train,
      type: 'images',
      digest: 'a',
      producer: 'f',
      matrix: {},
    },
    val: {path: val, type: 'images', digest: 'b', producer: 'f', matrix: {}},
  });
  await run(context);

  const names = recorded.metrics.map((m) => m.name);
  assert.equal(names.filter((n) => n === 'cv_accuracy').length, 4);
  assert.ok(names.includes('best_cv_accuracy'));
  const val_accuracy = recorded.metrics.find((m) => m.name === 'val_accuracy');
  assert.ok(val_accuracy !== undefined && val_accuracy.value > 0.9);

  const folder = context.outputs.model ?? '';
  const meta = JSON.parse(
    await readFile(path.join(folder, 'meta.json'), 'utf8'),
  ) as ModelMeta;
  assert.equal(meta.kind, 'svm');
  assert.equal(meta.input, 'pixels');
  const saved = JSON.parse(
    await readFile(
      path.join(context.outputs.metrics ?? '', 'metrics.json'),
      'utf8',
    ),
  ) as {metrics: unknown[]};
  assert.equal(saved.metrics.length, recorded.metrics.length);

  const model = await readSvmModel(folder);
  const rows = await readPixelRows(val);
  const probabilities = await predictSvm(model, rows.data, 3);
  assert.equal(probabilities.length, 30);
  for (const row of probabilities) {
    assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  }
});

test('svm without grid search fits the default rbf, C=1, gamma scale', async () => {
  const {context, recorded} = await makeContext(
    defaultParams({model: 'svm', grid_search: false}),
    {},
  );
  const train = path.join(context.tempDir, 'train');
  await writeStripeImages(train, 30, 5);
  Object.assign(context.inputs, {
    train: {
      path: train,
      type: 'images',
      digest: 'a',
      producer: 'f',
      matrix: {},
    },
  });
  await run(context);
  assert.ok(!recorded.metrics.some((m) => m.name === 'cv_accuracy'));
  const model = await readSvmModel(context.outputs.model ?? '');
  assert.deepEqual(model.file.params, {kernel: 'rbf', C: 1, gamma: 'scale'});
  const expected = 1 / (256 * varianceOf(model.rows));
  assert.ok(Math.abs(model.file.gamma - expected) < 1e-12);
});

function varianceOf(values: Float64Array): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
}
