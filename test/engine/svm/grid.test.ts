import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
  splitFold,
  stratifiedFolds,
} from '../../../engine/svm/stratified-folds.js';
import {expandGrid, resolveGamma} from '../../../engine/svm/svm-params.js';
import {bestPoint, searchGrid} from '../../../engine/svm/grid-search.js';

test('the default grid has 15 points, linear without gamma', () => {
  const grid = expandGrid({
    C: [1, 10, 100],
    kernels: ['linear', 'rbf', 'poly'],
    gammas: ['scale', 'auto'],
  });
  assert.equal(grid.length, 15);
  assert.deepEqual(grid[0], {kernel: 'linear', C: 1, gamma: 'none'});
  assert.deepEqual(grid[3], {kernel: 'rbf', C: 1, gamma: 'scale'});
});

test('stratified folds give every fold its share of each class', () => {
  const labels = Array.from({length: 30}, (_, i) => (i < 20 ? 0 : 1));
  const folds = stratifiedFolds(labels, 5, 7);
  for (let fold = 0; fold < 5; fold++) {
    const {test: held, train} = splitFold(folds, fold);
    assert.equal(held.length, 6);
    assert.equal(train.length, 24);
    assert.equal(Array.from(held).filter((i) => labels[i] === 0).length, 4);
  }
});

test('gamma scale is 1 / (features x variance of the rows)', () => {
  const data = Float64Array.from([0, 2, 4, 6, 100, 100]);
  // Rows 0 and 1 only: values 0, 2, 4, 6, variance 5.
  assert.equal(resolveGamma('scale', data, 2, [0, 1]), 1 / 10);
  assert.equal(resolveGamma('auto', data, 2, [0, 1]), 1 / 2);
  assert.equal(resolveGamma(0.25, data, 2, [0, 1]), 0.25);
});

test('grid search scores every point on worker threads', async () => {
  const labels = Array.from({length: 40}, (_, i) => i % 2);
  const data = Float64Array.from({length: 80}, (_, k) =>
    k % 2 === 0 ? (labels[k / 2] ?? 0) * 4 + (k % 7) / 7 : (k % 5) / 5,
  );
  const done: number[] = [];
  const {scores} = await searchGrid({
    data,
    dim: 2,
    labels,
    grid: expandGrid({
      C: [1, 10],
      kernels: ['linear', 'rbf'],
      gammas: ['auto'],
    }),
    folds: 4,
    seed: 1,
    workers: 2,
    onProgress: (count) => done.push(count),
  });
  assert.equal(scores.length, 4);
  assert.equal(done.at(-1), 16);
  assert.equal(bestPoint(scores).meanAccuracy, 1);
  assert.ok(scores.every((s) => s.foldAccuracies.length === 4));
});
