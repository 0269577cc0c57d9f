import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {MetricRecord} from '../../../artifacts/metrics.js';
import {
  groupMetrics,
  presentAttributes,
} from '../../../engine/metrics/group-metrics.js';
import {assertClose, HAND_MADE} from './hand-made-predictions.js';

const rows = groupMetrics(HAND_MADE, ['gender', 'angle']);

function find(name: string, labels: Record<string, string>): MetricRecord {
  const found = rows.find(
    (r) =>
      r.name === name &&
      Object.keys(labels).length === Object.keys(r.labels ?? {}).length &&
      Object.entries(labels).every(([k, v]) => r.labels?.[k] === v),
  );
  assert.ok(found, `no ${name} ${JSON.stringify(labels)}`);
  return found;
}

test('each group is scored on its own images', () => {
  assert.equal(find('accuracy', {attribute: 'gender', group: 'F'}).value, 1);
  assert.equal(find('accuracy', {attribute: 'gender', group: 'M'}).value, 0);
  assert.equal(find('macro_f1', {attribute: 'gender', group: 'M'}).value, 0);
  assertClose(
    find('top2_accuracy', {attribute: 'gender', group: 'M'}).value,
    2 / 3,
  );
});

test('the gap is the spread between the best and worst group', () => {
  assert.equal(find('accuracy_gap', {attribute: 'gender'}).value, 1);
  assertClose(find('top2_accuracy_gap', {attribute: 'gender'}).value, 1 / 3);
  assertClose(
    find('mean_confidence_gap', {attribute: 'gender'}).value,
    2.1 / 3 - 1.7 / 3,
  );
});

test('images without an attribute are left out of its groups', () => {
  assert.equal(find('count', {attribute: 'angle', group: 'S'}).value, 3);
  assert.equal(find('count', {attribute: 'angle', group: 'HL'}).value, 2);
  assertClose(find('accuracy', {attribute: 'angle', group: 'S'}).value, 2 / 3);
});

test('per-class gaps compare only groups where the class occurs', () => {
  // Class c: angle S has none, HL has image 5 (recall 0): one group only.
  assert.equal(find('recall_gap', {attribute: 'angle', class: 'c'}).value, 0);
  assert.equal(find('recall_gap', {attribute: 'gender', class: 'a'}).value, 1);
});

test('present attributes are every key found on any image', () => {
  assert.deepEqual(presentAttributes(HAND_MADE), ['angle', 'gender']);
});
