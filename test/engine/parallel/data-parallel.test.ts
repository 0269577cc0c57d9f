import assert from 'node:assert/strict';
import test from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {selectBackend} from '../../../engine/backend.js';
import {buildCnn} from '../../../engine/models/cnn.js';
import {DataParallelGradients} from '../../../engine/parallel/data-parallel.js';
import {batchGradients} from '../../../engine/training/batch-gradients.js';
import type {LabeledSet} from '../../../engine/training/labeled-set.js';

function randomSet(count: number): LabeledSet {
  const x = Float32Array.from({length: count * 8 * 8}, (_, i) => Math.sin(i));
  const labels = Int32Array.from({length: count}, (_, i) => i % 3);
  return {x, sampleShape: [8, 8, 1], labels, classes: 3};
}

test('two replicas give the gradients of the whole batch', async () => {
  await selectBackend('wasm');
  const model = buildCnn({
    inputShape: [8, 8, 1],
    classes: 3,
    convLayers: 2,
    filters: 4,
    kernelSize: 3,
    pooling: 'max',
    dropout: 0,
    batchNorm: false,
    head: {layers: 1, units: 8, dropout: 0},
    seed: 2,
  });
  const set = randomSet(12);
  const request = {
    indices: Int32Array.from([5, 1, 7, 3, 9, 0, 11]),
    batchSize: 7,
  };
  const parallel = await DataParallelGradients.start(model, set, {
    replicas: 2,
    backend: 'wasm',
  });
  try {
    const split = await parallel.gradients(request);
    const whole = batchGradients(model, set, request);
    assert.equal(split.count, 7);
    assert.ok(Math.abs(split.lossSum - whole.lossSum) < 1e-4);
    for (const [name, grad] of Object.entries(whole.grads)) {
      const other = split.grads[name];
      assert.ok(other !== undefined, name);
      const gap = tf.tidy(() => grad.sub(other).abs().max().dataSync()[0] ?? 1);
      assert.ok(gap < 1e-5, `${name}: ${gap}`);
    }
    tf.dispose([...Object.values(whole.grads), ...Object.values(split.grads)]);
  } finally {
    await parallel.close();
    model.dispose();
  }
});
