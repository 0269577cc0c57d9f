import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
  argmax,
  computeReport,
} from '../../../engine/metrics/classification-report.js';
import {reportMetrics} from '../../../engine/metrics/report-metrics.js';
import {
  assertAllClose,
  assertClose,
  HAND_MADE,
} from './hand-made-predictions.js';

const report = computeReport(HAND_MADE.truth, HAND_MADE.probabilities, 3);

test('accuracy counts argmax hits', () => {
  assert.equal(report.accuracy, 0.5);
  assert.equal(report.count, 6);
});

test('confusion matrix rows are true classes, columns predictions', () => {
  assert.deepEqual(report.confusion, [
    [1, 1, 0],
    [1, 1, 0],
    [1, 0, 1],
  ]);
});

test('per-class precision, recall and f1 match the hand computation', () => {
  assertAllClose(report.precision, [1 / 3, 1 / 2, 1]);
  assertAllClose(report.recall, [1 / 2, 1 / 2, 1 / 2]);
  assertAllClose(report.f1, [0.4, 0.5, 2 / 3]);
  assertClose(report.macroF1, (0.4 + 0.5 + 2 / 3) / 3);
});

test('top-2 accuracy misses only the image whose class ranks third', () => {
  assertClose(report.top2Accuracy, 5 / 6);
});

test('mean confidence averages the winning probability', () => {
  assertClose(report.meanConfidence, 3.8 / 6);
});

test('a class never seen nor predicted stays out of macro f1', () => {
  const partial = computeReport(
    [0, 1],
    [
      [1, 0, 0],
      [0, 1, 0],
    ],
    3,
  );
  assert.equal(partial.macroF1, 1);
  assert.deepEqual(partial.present, [true, true, false]);
});

test('argmax keeps the first of equal values', () => {
  assert.equal(argmax([0.2, 0.4, 0.4]), 1);
});

test('metric rows carry class and confusion labels', () => {
  const rows = reportMetrics(report, HAND_MADE.labels);
  assert.deepEqual(
    rows.find((r) => r.name === 'precision' && r.labels?.class === 'c'),
    {name: 'precision', value: 1, labels: {class: 'c'}},
  );
  assert.deepEqual(
    rows.find(
      (r) =>
        r.name === 'confusion' &&
        r.labels?.true === 'c' &&
        r.labels.predicted === 'a',
    ),
    {name: 'confusion', value: 1, labels: {true: 'c', predicted: 'a'}},
  );
  assert.equal(rows.filter((r) => r.name === 'confusion').length, 9);
});
