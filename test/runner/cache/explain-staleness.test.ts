import assert from 'node:assert/strict';
import {test} from 'node:test';
import {explainStaleness} from '../../../runner/cache/explain-staleness.js';
import {
  computeFingerprint,
  type FingerprintDocument,
} from '../../../runner/cache/fingerprint.js';

const BASE: FingerprintDocument = {
  type: 'train',
  version: 1,
  params: {lr: 0.01, model: {name: 'cnn', layers: 3}},
  inputs: {images: ['d1']},
  files: {'data/x.csv': 'f1'},
  runtime: {node: '20', platform: 'linux', arch: 'x64', backend: null},
};

test('key order does not change a fingerprint', () => {
  const reordered: FingerprintDocument = {
    ...BASE,
    params: {model: {layers: 3, name: 'cnn'}, lr: 0.01},
  };
  assert.equal(computeFingerprint(reordered), computeFingerprint(BASE));
});

test('each difference is one sentence naming what changed', () => {
  const next: FingerprintDocument = {
    ...BASE,
    version: 2,
    params: {lr: 0.02, model: {name: 'resnet50', layers: 3}, seed: 7},
    inputs: {images: ['d2']},
    files: {'data/x.csv': 'f2'},
  };
  assert.deepEqual(explainStaleness(BASE, next), [
    'stage version 1 -> 2',
    'param lr changed from 0.01 to 0.02',
    'param model.name changed from "cnn" to "resnet50"',
    'param seed added (7)',
    'input images changed',
    'file data/x.csv changed',
  ]);
});

test('equal documents have no reasons', () => {
  assert.deepEqual(explainStaleness(BASE, structuredClone(BASE)), []);
});
