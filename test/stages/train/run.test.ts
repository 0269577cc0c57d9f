import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {loadModel} from '../../../artifacts/load-model.js';
import {run} from '../../../stages/train/run.js';
import {defaultParams, makeContext, writeStripeImages} from './fixtures.js';

test('a tiny cnn learns stripes well above chance and saves a loadable model', async () => {
  const {context, recorded} = await makeContext(
    defaultParams({
      conv_layers: 1,
      filters: 8,
      head_units: 16,
      epochs: 3,
      batch_size: 16,
      lr: 0.01,
      seed: 3,
    }),
    {},
  );
  const train = path.join(context.workspace, 'train');
  const val = path.join(context.workspace, 'val');
  await writeStripeImages(train, 96, 1);
  await writeStripeImages(val, 48, 2);
  Object.assign(context, {
    inputs: {
      train: {
        path: train,
        type: 'images',
        digest: 'a',
        producer: 'f',
        matrix: {},
      },
      val: {path: val, type: 'images', digest: 'b', producer: 'f', matrix: {}},
    },
  });
  await run(context);
  const valAccuracy = recorded.metrics.filter((m) => m.name === 'val_accuracy');
  assert.equal(valAccuracy.length, 3);
  assert.ok(
    (valAccuracy.at(-1)?.value ?? 0) > 0.6,
    JSON.stringify(valAccuracy),
  );
  const {model, meta} = await loadModel(context.outputs['model'] ?? '');
  assert.deepEqual(meta.labels, ['horizontal', 'vertical', 'square']);
  assert.deepEqual(model.outputs[0]?.shape, [null, 3]);
  model.dispose();
  const saved = JSON.parse(
    await readFile(
      path.join(context.outputs['metrics'] ?? '', 'metrics.json'),
      'utf8',
    ),
  ) as {metrics: unknown[]};
  assert.equal(saved.metrics.length, recorded.metrics.length);
});

test('training leaves no tensors behind', async () => {
  const {context} = await makeContext(
    defaultParams({
      conv_layers: 2,
      filters: 4,
      head_units: 8,
      epochs: 2,
      batch_size: 16,
      batch_norm: true,
      dropout: 0.1,
      seed: 5,
      workers: 1,
    }),
    {},
  );
  const train = path.join(context.workspace, 'train');
  await writeStripeImages(train, 32, 3);
  Object.assign(context, {
    inputs: {
      train: {
        path: train,
        type: 'images',
        digest: 'a',
        producer: 'f',
        matrix: {},
      },
    },
  });
  await run(context);
  const before = tf.memory().numTensors;
  await run(context);
  assert.equal(tf.memory().numTensors, before);
});
