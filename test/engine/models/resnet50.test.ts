import assert from 'node:assert/strict';
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {before, test} from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {selectBackend} from '../../../engine/backend.js';
import {writeKerasWeights} from '../../../engine/models/keras-weights.js';
import {buildResNet50, lastBlocks} from '../../../engine/models/resnet50.js';

const options = {
  inputShape: [32, 32, 3] as [number, number, number],
  classes: 3,
  head: {layers: 1, units: 8, dropout: 0},
  fineTuneBlocks: 0,
  seed: 1,
};

// The WebAssembly backend with the project's gradient kernels: the plain
// cpu backend takes minutes for ResNet-50's backward pass.
before(async () => {
  await selectBackend('wasm');
});

test('resnet50 carries the keras layer names', async () => {
  const {model} = await buildResNet50(options);
  const names = model.layers.map((layer) => layer.name);
  for (const name of [
    'conv1_pad',
    'conv1_conv',
    'conv1_bn',
    'conv1_relu',
    'pool1_pad',
    'pool1_pool',
    'conv2_block1_0_conv',
    'conv2_block1_1_conv',
    'conv4_block6_3_bn',
    'conv5_block3_out',
    'avg_pool',
  ]) {
    assert.ok(names.includes(name), name);
  }
  const backbone = model.getLayer('avg_pool').outputShape;
  assert.deepEqual(backbone, [null, 2048]);
  model.dispose();
});

test('resnet50 runs forward, backward and one training epoch at 32x32', async () => {
  const {model} = await buildResNet50(options);
  const x = tf.randomUniform([6, 32, 32, 3], 0, 1, 'float32', 3);
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3);
  const predicted = model.predict(x) as tf.Tensor;
  assert.deepEqual(predicted.shape, [6, 3]);

  const {value, grads} = tf.variableGrads(() =>
    tf.losses.softmaxCrossEntropy(
      y,
      model.apply(x, {training: true}) as tf.Tensor,
    ),
  );
  const kernel = model.getLayer('conv1_conv').trainableWeights[0]?.name ?? '';
  const gradient = grads[kernel];
  assert.ok(gradient !== undefined, 'conv1_conv has a gradient');
  const size = (await gradient.abs().sum().data())[0] ?? 0;
  assert.ok(Number.isFinite(size) && size > 0);

  model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});
  const history = await model.fit(x, y, {epochs: 1, batchSize: 6});
  assert.ok(Number.isFinite(history.history.loss?.[0]));
  tf.dispose([x, y, predicted, value, ...Object.values(grads)]);
  model.dispose();
});

test('imagenet weights load by layer name and freeze all but the last blocks', async () => {
  const source = await buildResNet50(options);
  const folder = await mkdtemp(path.join(tmpdir(), 'resnet-weights-'));
  const backbone = source.model.layers.filter((l) =>
    /^(conv|pool)/.test(l.name),
  );
  const file = await writeKerasWeights(folder, backbone);

  const loaded = await buildResNet50({
    ...options,
    seed: 2,
    weights: file,
    fineTuneBlocks: 1,
  });
  for (const name of [
    'conv1_conv',
    'conv3_block2_2_bn',
    'conv5_block3_3_conv',
  ]) {
    const a = source.model.getLayer(name).getWeights();
    const b = loaded.model.getLayer(name).getWeights();
    a.forEach((tensor, i) => {
      assert.deepEqual(tensor.dataSync(), b[i]?.dataSync(), name);
    });
  }
  assert.deepEqual(lastBlocks(1), ['conv5_block3']);
  assert.equal(loaded.model.getLayer('conv5_block2_3_conv').trainable, false);
  assert.equal(loaded.model.getLayer('conv5_block3_3_conv').trainable, true);
  assert.equal(loaded.model.getLayer('features').trainable, true);
  // Three convolutions (kernel, bias) and three batch norms (gamma, beta).
  assert.equal(loaded.fineTuneVariables.length, 12);
  assert.deepEqual(loaded.unexpectedWeights, []);
  source.model.dispose();
  loaded.model.dispose();
});

test('a missing weights file says how to make it', async () => {
  await assert.rejects(
    buildResNet50({...options, weights: '/nowhere/resnet50/model.json'}),
    /tensorflowjs_converter --input_format keras resnet50\.h5 \/nowhere\/resnet50/,
  );
});
