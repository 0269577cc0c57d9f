import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  renderDagMermaid,
  renderDagText,
} from '../../../runner/pipeline/render-dag.js';
import {lines, plan} from './load-helpers.js';

const FILE = lines(
  'pipeline: tiny',
  'stages:',
  '  faces: {uses: ingest}',
  '  train:',
  '    uses: train',
  '    matrix: {fraction: [1, 0.5]}',
  '    inputs: {images: faces.train}',
  '    with: {model: cnn, fraction: "${{ matrix.fraction }}"}',
  '  curve:',
  '    uses: chart',
  '    inputs: {metrics: [score.metrics]}',
  '  score:',
  '    uses: evaluate',
  '    inputs: {model: train.model, images: faces.test}',
);

test('dag text lists instances upstream first and every edge', () => {
  assert.equal(
    renderDagText(plan(FILE)),
    [
      'tiny: 6 instances, 8 edges',
      '  faces (ingest, cpu)',
      '  train[fraction=1] (train, cpu)',
      '  train[fraction=0.5] (train, cpu)',
      '  score[fraction=1] (evaluate, cpu)',
      '  score[fraction=0.5] (evaluate, cpu)',
      '  curve (chart, cpu)',
      '',
      '  faces -> train[fraction=1] (images)',
      '  faces -> train[fraction=0.5] (images)',
      '  train[fraction=1] -> score[fraction=1] (model)',
      '  faces -> score[fraction=1] (images)',
      '  train[fraction=0.5] -> score[fraction=0.5] (model)',
      '  faces -> score[fraction=0.5] (images)',
      '  score[fraction=1] -> curve (metrics)',
      '  score[fraction=0.5] -> curve (metrics)',
    ].join('\n'),
  );
});

test('dag mermaid is a graph TD with quoted instance labels', () => {
  assert.equal(
    renderDagMermaid(plan(FILE)),
    [
      'graph TD',
      '  n0["faces"]',
      '  n1["train[fraction=1]"]',
      '  n2["train[fraction=0.5]"]',
      '  n3["score[fraction=1]"]',
      '  n4["score[fraction=0.5]"]',
      '  n5["curve"]',
      '  n0 -->|images| n1',
      '  n0 -->|images| n2',
      '  n1 -->|model| n3',
      '  n0 -->|images| n3',
      '  n2 -->|model| n4',
      '  n0 -->|images| n4',
      '  n3 -->|metrics| n5',
      '  n4 -->|metrics| n5',
    ].join('\n'),
  );
});
