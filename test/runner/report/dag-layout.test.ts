import {test} from 'node:test';
import assert from 'node:assert/strict';
import {layoutDag} from '../../../runner/report/dag-layout.js';
import type {InputInfo, StageInfo} from '../../../runner/metrics/run-detail.js';

function stage(name: string, cached = false): StageInfo {
  return {
    stage: name,
    type: 't',
    matrix: {},
    params: {},
    fingerprint: '',
    cached,
    status: 'succeeded',
    startedAt: '2026-01-01 00:00:00',
    durationMs: 1,
    error: null,
  };
}

function edge(producer: string, consumer: string): InputInfo {
  return {stage: consumer, port: 'in', producer, producerPort: 'out'};
}

test('consumers sit one column right of their furthest producer', () => {
  const layout = layoutDag(
    [stage('a', true), stage('b'), stage('c')],
    [edge('a', 'b'), edge('b', 'c'), edge('a', 'c')],
  );
  const place = layout.nodes.map((n) => [n.id, n.rank, n.row, n.state]);
  assert.deepEqual(place, [
    ['a', 0, 0, 'cached'],
    ['b', 1, 0, 'succeeded'],
    ['c', 2, 0, 'succeeded'],
  ]);
  assert.deepEqual(layout.edges, [
    ['a', 'b'],
    ['b', 'c'],
    ['a', 'c'],
  ]);
});

test('a large matrix collapses into one box per stage', () => {
  const trains = Array.from({length: 70}, (_, i) => `train[i=${i}]`);
  const layout = layoutDag(
    [stage('data'), ...trains.map((name) => stage(name))],
    trains.map((name) => edge('data', name)),
  );
  assert.deepEqual(
    layout.nodes.map((n) => n.label),
    ['data', 'train ×70'],
  );
  assert.deepEqual(layout.edges, [['data', 'train']]);
  assert.equal(layout.hidden, 0);
});

test('a column stops at 40 boxes and counts the rest', () => {
  const names = Array.from({length: 100}, (_, i) => `s${i}`);
  const layout = layoutDag(
    names.map((name) => stage(name)),
    [],
  );
  assert.equal(layout.nodes.length, 40);
  assert.equal(layout.hidden, 60);
});
