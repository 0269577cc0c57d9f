import assert from 'node:assert/strict';
import {test} from 'node:test';
import {addGaussianNoise} from '../../../stages/perturb/gaussian-noise.js';

function stats(before: Uint8Array, after: Uint8Array) {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < before.length; i++) {
    const change = ((after[i] ?? 0) - (before[i] ?? 0)) / 255;
    sum += change;
    squares += change * change;
  }
  const mean = sum / before.length;
  return {mean, variance: squares / before.length - mean * mean};
}

test('noise on mid-grey pixels has zero mean and the asked variance', () => {
  const grey = new Uint8Array(200_000).fill(128);
  const noisy = addGaussianNoise(grey, 0.01, 7, 0);
  const {mean, variance} = stats(grey, noisy);
  assert.ok(Math.abs(mean) < 0.002, `mean ${mean}`);
  assert.ok(Math.abs(variance - 0.01) < 0.0005, `variance ${variance}`);
});

test('noise is clipped to the valid pixel range', () => {
  const extremes = new Uint8Array(10_000).map((_, i) =>
    i % 2 === 0 ? 0 : 255,
  );
  const noisy = addGaussianNoise(extremes, 0.5, 1, 0);
  const {mean} = stats(extremes, noisy);
  // Black pixels can only brighten and white ones only darken.
  noisy.forEach((value, i) => {
    assert.ok(i % 2 === 0 ? value >= 0 : value <= 255);
  });
  assert.ok(noisy.some((value, i) => i % 2 === 0 && value > 0));
  assert.ok(Math.abs(mean) < 0.02);
});

test('a seed and repeat give the same draw; another repeat a new one', () => {
  const pixels = new Uint8Array(1000).fill(100);
  assert.deepEqual(
    addGaussianNoise(pixels, 0.05, 3, 1),
    addGaussianNoise(pixels, 0.05, 3, 1),
  );
  assert.notDeepEqual(
    addGaussianNoise(pixels, 0.05, 3, 1),
    addGaussianNoise(pixels, 0.05, 3, 2),
  );
});

test('variance zero leaves the images as they were', () => {
  const pixels = Uint8Array.from({length: 256}, (_, i) => i);
  assert.deepEqual(addGaussianNoise(pixels, 0, 3, 0), pixels);
});
