import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {Ajv} from 'ajv';
import {parse} from 'yaml';
import {STAGES} from '../../../stages/index.js';
import {pipelineJsonSchema} from '../../../runner/pipeline/pipeline-json-schema.js';
import {TEST_STAGES} from './stage-fixtures.js';

const COMMITTED = new URL('../../../../pipelines/schema.json', import.meta.url);

test('pipelines/schema.json matches the registered stage types', async () => {
  const committed = JSON.parse(await readFile(COMMITTED, 'utf8')) as unknown;
  assert.deepEqual(
    committed,
    pipelineJsonSchema(STAGES),
    'pipelines/schema.json is stale: run `npm run schema` and commit it',
  );
});

function editorCheck(yaml: string): string[] {
  const validate = new Ajv({allErrors: true, strict: false}).compile(
    pipelineJsonSchema(TEST_STAGES),
  );
  validate(parse(yaml));
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath} ${error.message ?? ''}`,
  );
}

test('the editor schema accepts a valid file, expressions included', () => {
  const yaml = [
    'pipeline: demo',
    'params: {epochs: 2, sizes: [32, 64]}',
    'stages:',
    '  faces: {uses: ingest, matrix: {size: "${{ params.sizes }}"}}',
    '  train:',
    '    uses: train',
    '    timeout: 5m',
    '    inputs: {images: faces.train}',
    '    with: {model: cnn, epochs: "${{ params.epochs }}"}',
  ].join('\n');
  assert.deepEqual(editorCheck(yaml), []);
});

test('the editor schema picks the with schema by the stage type', () => {
  const yaml = [
    'stages:',
    '  train:',
    '    uses: train',
    '    with: {model: cnn, epochs: many, lr: 1}',
  ].join('\n');
  const errors = editorCheck(yaml);
  assert.ok(
    errors.includes('/stages/train/with/epochs must be integer'),
    errors.join('\n'),
  );
  assert.ok(
    errors.includes('/stages/train/with must NOT have additional properties'),
    errors.join('\n'),
  );
});
