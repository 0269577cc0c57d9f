import {test} from 'node:test';
import assert from 'node:assert/strict';
import {lines, plan, problems} from './load-helpers.js';

const FILE = lines(
  'params: {epochs: 8, tag: run, fast: false, sizes: [32]}',
  'stages:',
  '  faces:',
  '    uses: ingest',
  '    with: {size: 32}',
  '  train:',
  '    uses: train',
  '    inputs: {images: faces.train}',
  '    with: {model: cnn, epochs: "${{ params.epochs }}", name: "${{ params.tag }}"}',
);

test('--set overrides a parameter, typed like its value in the file', () => {
  const result = plan(FILE, [
    'epochs=2',
    'tag=007',
    'fast=true',
    'sizes=[16, 24]',
  ]);
  assert.deepEqual(result.params, {
    epochs: 2,
    tag: '007',
    fast: true,
    sizes: [16, 24],
  });
  assert.deepEqual(result.overrides, {
    epochs: 2,
    tag: '007',
    fast: true,
    sizes: [16, 24],
  });
  const train = result.instances.find((item) => item.stage === 'train');
  assert.equal(train?.params['epochs'], 2);
  assert.equal(train.params['name'], '007');
});

test('--set overrides a with key, typed by the stage schema', () => {
  const result = plan(FILE, ['faces.with.size=16', 'faces.with.source=123']);
  assert.deepEqual(result.instances[0]?.params, {size: 16, source: '123'});
  assert.deepEqual(result.overrides, {
    'faces.with.size': 16,
    'faces.with.source': '123',
  });
});

test('a parameter override of the wrong type says what was expected', () => {
  assert.equal(
    problems(FILE, ['epochs=many']),
    lines(
      'p.yaml:1:10: --set epochs=many: parameter "epochs" is a number (8 in the file), and "many" is not.',
      'params: {epochs: 8, tag: run, fast: false, sizes: [32]}',
      '         ^~~~~~',
    ),
  );
});

test('an override of an unknown parameter points at params and suggests', () => {
  assert.equal(
    problems(FILE, ['epoch=2']),
    lines(
      'p.yaml:1:1: --set epoch=2: no parameter "epoch" in `params:`. Did you mean "epochs"?',
      'params: {epochs: 8, tag: run, fast: false, sizes: [32]}',
      '^~~~~~',
    ),
  );
});

test('an override of an unknown stage or with key points at the stage', () => {
  assert.equal(
    problems(FILE, ['trian.with.epochs=2', 'train.with.epoch=2']),
    lines(
      'p.yaml:2:1: --set trian.with.epochs=2: no stage "trian" in `stages:`. Did you mean "train"?',
      'stages:',
      '^~~~~~',
      '',
      'p.yaml:6:3: --set train.with.epoch=2: stage type "train" has no `with:` key "epoch". Did you mean "epochs"?',
      '  train:',
      '  ^~~~~',
    ),
  );
});

test('a with override that fails the schema says it came from --set', () => {
  assert.equal(
    problems(FILE, ['faces.with.size=big']),
    lines(
      'p.yaml:3:3: --set faces.with.size=big: `with.size` must be integer, not string "big".',
      '  faces:',
      '  ^~~~~',
    ),
  );
});

test('a malformed --set is reported without a position', () => {
  assert.equal(
    problems(FILE, ['train.epochs=2']),
    'p.yaml: --set train.epochs=2: expected NAME=VALUE for a parameter or STAGE.with.KEY=VALUE for a stage, e.g. --set epochs=2 or --set train.with.lr=0.01.\n',
  );
});
