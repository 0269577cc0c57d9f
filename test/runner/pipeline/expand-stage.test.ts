import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Plan} from '../../../runner/pipeline/plan.js';
import {lines, plan, problems} from './load-helpers.js';

function ids(result: Plan): string[] {
  return result.instances.map((instance) => instance.id);
}

function instance(result: Plan, id: string) {
  const found = result.instances.find((item) => item.id === id);
  return found ?? assert.fail(`no instance ${id} in ${ids(result).join(', ')}`);
}

const SWEEP = lines(
  'pipeline: sweep',
  'params: {epochs: 3, fractions: [0.5, 0.2]}',
  'stages:',
  '  curve:',
  '    uses: chart',
  '    inputs: {metrics: score.metrics}',
  '  score:',
  '    uses: evaluate',
  '    inputs: {model: train.model, images: faces.test}',
  '  train:',
  '    uses: train',
  '    matrix: {fraction: ${{ params.fractions }}, model: [cnn, resnet50]}',
  '    inputs: {images: faces.train}',
  '    with:',
  '      model: ${{ matrix.model }}',
  '      fraction: ${{ matrix.fraction }}',
  '      epochs: ${{ params.epochs }}',
  '      name: "${{ matrix.model }}-${{ params.epochs }}"',
  '  faces: {uses: ingest}',
);

test('a matrix expands to one instance per combination, axes in written order', () => {
  const result = plan(SWEEP);
  assert.deepEqual(ids(result), [
    'faces',
    'train[fraction=0.5,model=cnn]',
    'train[fraction=0.5,model=resnet50]',
    'train[fraction=0.2,model=cnn]',
    'train[fraction=0.2,model=resnet50]',
    'score[fraction=0.5,model=cnn]',
    'score[fraction=0.5,model=resnet50]',
    'score[fraction=0.2,model=cnn]',
    'score[fraction=0.2,model=resnet50]',
    'curve',
  ]);
});

test('whole-value expressions keep their type and longer strings interpolate', () => {
  const train = instance(plan(SWEEP), 'train[fraction=0.2,model=resnet50]');
  assert.deepEqual(train.params, {
    model: 'resnet50',
    fraction: 0.2,
    epochs: 3,
    name: 'resnet50-3',
  });
  assert.deepEqual(train.matrix, {fraction: 0.2, model: 'resnet50'});
});

test('a consumer inherits the matrix and binds to the matching instance', () => {
  const score = instance(plan(SWEEP), 'score[fraction=0.2,model=cnn]');
  assert.deepEqual(score.inputs, {
    model: [{instance: 'train[fraction=0.2,model=cnn]', port: 'model'}],
    images: [{instance: 'faces', port: 'test'}],
  });
  assert.deepEqual(score.matrix, {fraction: 0.2, model: 'cnn'});
});

test('a port that accepts many gathers every upstream instance', () => {
  const curve = instance(plan(SWEEP), 'curve');
  assert.deepEqual(
    curve.inputs.metrics?.map((binding) => binding.instance),
    [
      'score[fraction=0.5,model=cnn]',
      'score[fraction=0.5,model=resnet50]',
      'score[fraction=0.2,model=cnn]',
      'score[fraction=0.2,model=resnet50]',
    ],
  );
  assert.deepEqual(curve.matrix, {});
});

test('a gathering stage with its own axis gathers only matching instances', () => {
  const result = plan(
    lines(
      'stages:',
      '  faces: {uses: ingest}',
      '  train:',
      '    uses: train',
      '    matrix: {model: [cnn, resnet50], fraction: [1, 0.5]}',
      '    inputs: {images: faces.train}',
      '    with: {model: "${{ matrix.model }}", fraction: "${{ matrix.fraction }}"}',
      '  score:',
      '    uses: evaluate',
      '    inputs: {model: train.model, images: faces.test}',
      '  curve:',
      '    uses: chart',
      '    matrix: {model: [cnn, resnet50]}',
      '    inputs: {metrics: score.metrics}',
    ),
  );
  const curve = instance(result, 'curve[model=resnet50]');
  assert.deepEqual(
    curve.inputs.metrics?.map((binding) => binding.instance),
    ['score[model=resnet50,fraction=1]', 'score[model=resnet50,fraction=0.5]'],
  );
});

test('consuming two matrix stages crosses their axes and pairs instances', () => {
  const result = plan(
    lines(
      'stages:',
      '  faces: {uses: ingest}',
      '  train:',
      '    uses: train',
      '    matrix: {fraction: [1, 0.5]}',
      '    inputs: {images: faces.train}',
      '    with: {model: cnn, fraction: "${{ matrix.fraction }}"}',
      '  embed:',
      '    uses: embed',
      '    matrix: {dim: [2, 3]}',
      '    inputs: {images: faces.test}',
      '    with: {dim: "${{ matrix.dim }}"}',
      '  fit:',
      '    uses: fit',
      '    inputs: {model: train.model, features: embed.features}',
    ),
  );
  assert.deepEqual(ids(result).slice(-4), [
    'fit[fraction=1,dim=2]',
    'fit[fraction=1,dim=3]',
    'fit[fraction=0.5,dim=2]',
    'fit[fraction=0.5,dim=3]',
  ]);
  assert.deepEqual(instance(result, 'fit[fraction=0.5,dim=3]').inputs, {
    model: [{instance: 'train[fraction=0.5]', port: 'model'}],
    features: [{instance: 'embed[dim=3]', port: 'features'}],
  });
});

test('instances come upstream first even when the file lists them later', () => {
  const order = ids(plan(SWEEP));
  assert.ok(
    order.indexOf('faces') < order.indexOf('train[fraction=0.5,model=cnn]'),
  );
  assert.equal(order.at(-1), 'curve');
});

test('defaults, lane, timeout, retry and external paths are resolved', () => {
  const result = plan(
    lines(
      'stages:',
      '  faces:',
      '    uses: ingest',
      '    timeout: 1m30s',
      '    retry: 2',
      '  data:',
      '    uses: files',
      '    timeout: 20',
      '    with: {paths: [b.csv, a.csv]}',
      '  train:',
      '    uses: train',
      '    inputs: {images: faces.train}',
      '    with: {model: resnet50}',
    ),
  );
  const faces = instance(result, 'faces');
  assert.deepEqual(faces.params, {source: 'synthetic', size: 64});
  assert.equal(faces.timeoutMs, 90_000);
  assert.equal(faces.retry, 2);
  const data = instance(result, 'data');
  assert.deepEqual(data.externalPaths, ['a.csv', 'b.csv']);
  assert.equal(data.timeoutMs, 20_000);
  assert.equal(instance(result, 'train').lane, 'accelerator');
  assert.equal(faces.lane, 'cpu');
});

test('the plan records name, file, root and params', () => {
  const result = plan(SWEEP);
  assert.equal(result.pipeline, 'sweep');
  assert.equal(result.file, 'p.yaml');
  assert.equal(result.root, process.cwd());
  assert.deepEqual(result.params, {epochs: 3, fractions: [0.5, 0.2]});
});

test('an axis inherited with different values is a matrix conflict', () => {
  const text = lines(
    'stages:',
    '  faces: {uses: ingest}',
    '  train:',
    '    uses: train',
    '    matrix: {fraction: [1, 0.5]}',
    '    inputs: {images: faces.train}',
    '    with: {model: cnn}',
    '  embed:',
    '    uses: embed',
    '    matrix: {fraction: [1]}',
    '    inputs: {images: faces.test}',
    '  fit:',
    '    uses: fit',
    '    inputs: {model: train.model, features: embed.features}',
  );
  assert.equal(
    problems(text),
    lines(
      'p.yaml:14:44: Matrix axis "fraction" has different values in "train" and "embed", so their instances cannot be paired.',
      '    inputs: {model: train.model, features: embed.features}',
      '                                           ^~~~~~~~~~~~~~',
    ),
  );
});

test('an own axis that repeats an inherited one is a matrix conflict', () => {
  const text = lines(
    'stages:',
    '  faces: {uses: ingest}',
    '  train:',
    '    uses: train',
    '    matrix: {fraction: [1, 0.5]}',
    '    inputs: {images: faces.train}',
    '    with: {model: cnn}',
    '  score:',
    '    uses: evaluate',
    '    matrix: {fraction: [1]}',
    '    inputs: {model: train.model, images: faces.test}',
  );
  assert.equal(
    problems(text),
    lines(
      'p.yaml:10:14: Matrix axis "fraction" is already inherited from stage "train"; give this axis another name.',
      '    matrix: {fraction: [1]}',
      '             ^~~~~~~~',
    ),
  );
});

test('a schema error shared by all matrix instances is reported once', () => {
  const text = lines(
    'stages:',
    '  faces:',
    '    uses: ingest',
    '    matrix: {n: [1, 2, 3]}',
    '    with: {size: -1}',
  );
  assert.equal(
    problems(text),
    lines(
      'p.yaml:5:18: `with.size` must be >= 1 (got number -1).',
      '    with: {size: -1}',
      '                 ^~',
    ),
  );
});

test('an open-input stage takes any port, typed by its producer', () => {
  const result = plan(
    lines(
      'stages:',
      '  faces: {uses: ingest}',
      '  train:',
      '    uses: train',
      '    matrix: {fraction: [1, 0.5]}',
      '    inputs: {images: faces.train}',
      '    with: {model: cnn, fraction: "${{ matrix.fraction }}"}',
      '  each: {uses: tool, inputs: {weights: train.model}}',
      '  all: {uses: tool, inputs: {weights: [train.model], pictures: faces.test}}',
    ),
  );
  assert.deepEqual(ids(result).slice(-3), [
    'each[fraction=1]',
    'each[fraction=0.5]',
    'all',
  ]);
  const all = instance(result, 'all');
  assert.deepEqual(all.inputPorts, {
    weights: {type: 'model', many: true},
    pictures: {type: 'images', many: false},
  });
  assert.deepEqual(
    all.inputs.weights?.map((binding) => binding.instance),
    ['train[fraction=1]', 'train[fraction=0.5]'],
  );
});
