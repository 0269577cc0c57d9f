import assert from 'node:assert/strict';
import {test} from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {
  fgsm,
  pgd,
  pixelLoss,
  type AttackTarget,
} from '../../../engine/attacks/gradient-attacks.js';
import {tinyModel} from '../../support/tiny-model.js';

const target: AttackTarget = {
  tf,
  model: tinyModel(8, 1, 3),
  normalization: 'symmetric',
};
const pixels = tf.randomUniform<tf.Rank.R4>([6, 8, 8, 1], 0, 1, 'float32', 3);
const labels = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');

function largestChange(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? 0);
}

function loss(x: tf.Tensor4D): number {
  return tf.tidy(() => pixelLoss(target, x, labels).dataSync()[0] ?? 0);
}

test('fgsm raises the loss and stays within epsilon and [0, 1]', () => {
  const attacked = fgsm(target, pixels, labels, 0.05);
  assert.ok(loss(attacked) > loss(pixels));
  assert.ok(largestChange(attacked, pixels) <= 0.05 + 1e-6);
  assert.ok(
    (tf.min(attacked).dataSync()[0] ?? -1) >= 0 &&
      (tf.max(attacked).dataSync()[0] ?? 2) <= 1,
  );
  attacked.dispose();
});

test('pgd raises the loss at least as much as fgsm within the same ball', () => {
  const single = fgsm(target, pixels, labels, 0.05);
  const iterated = pgd(target, pixels, labels, {
    epsilon: 0.05,
    iterations: 5,
    step: 0.02,
  });
  assert.ok(loss(iterated) >= loss(single) - 1e-4);
  assert.ok(largestChange(iterated, pixels) <= 0.05 + 1e-6);
  tf.dispose([single, iterated]);
});

test('attacks leak no tensors', () => {
  const before = tf.memory().numTensors;
  tf.dispose([
    fgsm(target, pixels, labels, 0.01),
    pgd(target, pixels, labels, {epsilon: 0.01, iterations: 2, step: 0.005}),
  ]);
  assert.equal(tf.memory().numTensors, before);
});
