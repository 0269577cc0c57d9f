import assert from 'node:assert/strict';
import {mkdir, mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {readFeatures} from '../../../artifacts/read-features.js';
import type {StageContext} from '../../../runner/stage-definition.js';
import type {FeaturesParams} from '../../../stages/features/definition.js';
import {run} from '../../../stages/features/run.js';
import {run as train} from '../../../stages/train/run.js';
import {
  defaultParams,
  makeContext,
  writeStripeImages,
} from '../train/fixtures.js';

async function extract(
  params: Partial<FeaturesParams>,
  images: string,
  model?: string,
): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'features-test-'));
  const out = path.join(root, 'features');
  await mkdir(out);
  const context: StageContext<FeaturesParams> = {
    params: {
      backbone: 'face-xception',
      batch_size: 4,
      backend: 'cpu',
      ...params,
    },
    inputs: {
      images: {
        path: images,
        type: 'images',
        digest: 'test',
        producer: 'fixture',
        matrix: {},
      },
      ...(model !== undefined && {
        model: {
          path: model,
          type: 'model',
          digest: 'test',
          producer: 'fixture',
          matrix: {},
        },
      }),
    },
    outputs: {features: out},
    workspace: root,
    instance: 'features',
    seed: 1,
    cores: 1,
    tempDir: root,
    signal: new AbortController().signal,
    log: () => undefined,
    progress: () => undefined,
    metric: () => undefined,
  };
  await run(context);
  return out;
}

test('face-xception embeds every image as a 256-d vector', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'features-images-'));
  await writeStripeImages(root, 10, 4);
  const {index, rows} = await readFeatures(await extract({}, root));
  assert.equal(index.extractor, 'face-xception');
  assert.equal(index.count, 10);
  assert.equal(index.dim, 256);
  assert.equal(rows.length, 2560);
  assert.ok(rows.every(Number.isFinite));
  // Same-class images land closer together than images of other classes.
  const distance = (a: number, b: number) =>
    Math.hypot(
      ...Array.from({length: 256}, (_, k) => {
        return (rows[a * 256 + k] ?? 0) - (rows[b * 256 + k] ?? 0);
      }),
    );
  assert.ok(distance(0, 3) < distance(0, 1));
});

test('resnet50 features without weights explain how to get them', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'features-images-'));
  await writeStripeImages(root, 2, 4);
  await assert.rejects(
    extract({backbone: 'resnet50'}, root),
    /needs `weights:`[\s\S]*tensorflowjs_converter --input_format keras/,
  );
});

test('a trained model yields its feature layer for t-SNE', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'features-images-'));
  await writeStripeImages(root, 12, 4);
  const {context} = await makeContext(
    defaultParams({
      model: 'cnn',
      conv_layers: 1,
      filters: 4,
      epochs: 1,
      head_units: 8,
      backend: 'cpu',
    }),
    {train: root},
  );
  await train(context);
  const folder = await extract(
    {backbone: 'model'},
    root,
    context.outputs.model ?? '',
  );
  const {index, rows} = await readFeatures(folder);
  assert.equal(index.dim, 8);
  assert.equal(index.extractor, 'model:cnn');
  assert.equal(rows.length, 12 * 8);
});
