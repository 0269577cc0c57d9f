import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {writeImages} from '../../../artifacts/images-writer.js';
import {
  readImagePixels,
  readImagesIndex,
} from '../../../artifacts/read-images.js';
import type {ImageRecord} from '../../../artifacts/images.js';
import {augmentStage} from '../../../stages/augment/definition.js';
import {runAugment} from '../../../stages/augment/run.js';
import {createTestStage} from '../../support/stage-context.js';

const SIDE = 12;

// Four 12 x 12 colour images with a gradient, so warps change pixels.
async function inputImages(folder: string): Promise<void> {
  const records: ImageRecord[] = [0, 1, 0, 1].map((label, i) => ({
    label,
    identity: `p${i}`,
    attributes: {angle: i === 0 ? 'half_left' : 'straight'},
    source: `img${i}.png`,
  }));
  const pixels = Uint8Array.from({length: 4 * SIDE * SIDE * 3}, (_, k) => {
    const pixel = Math.floor(k / 3) % (SIDE * SIDE);
    return (pixel % SIDE) * 20 + (k % 3) * 10 + Math.floor(k / 432) * 5;
  });
  const header = {height: SIDE, width: SIDE, channels: 3 as const};
  await writeImages(
    folder,
    {...header, labels: ['a', 'b'], normalization: 'unit', records},
    pixels,
  );
}

async function augment(withParams: Record<string, unknown>, seed = 3) {
  const stage = await createTestStage(augmentStage, withParams, {seed});
  const input = join(stage.context.tempDir, 'input');
  await inputImages(input);
  const inputs = {
    images: {
      path: input,
      type: 'images' as const,
      digest: 'x',
      producer: 'ingest',
      matrix: {},
    },
  };
  const context = {...stage.context, inputs};
  await runAugment(context);
  const output = context.outputs.images ?? '';
  const result = {
    index: await readImagesIndex(output),
    pixels: await readImagePixels(output),
    original: await readImagePixels(input),
    preview: await readFile(join(output, 'preview.png')),
  };
  await stage.dispose();
  return result;
}

test('copies follow each original and keep its label and identity', async () => {
  const {index, pixels, original} = await augment({copies: 2});
  assert.equal(index.count, 12);
  assert.deepEqual(
    index.records.map((r) => r.identity),
    ['p0', 'p0', 'p0', 'p1', 'p1', 'p1', 'p2', 'p2', 'p2', 'p3', 'p3', 'p3'],
  );
  assert.equal(index.records[1]?.source, 'img0.png#augment1');
  const size = SIDE * SIDE * 3;
  assert.deepEqual(
    pixels.subarray(3 * size, 4 * size),
    original.subarray(size, 2 * size),
  );
  assert.notDeepEqual(
    pixels.subarray(4 * size, 5 * size),
    original.subarray(size, 2 * size),
  );
});

test('the same seed gives the same bytes and another seed others', async () => {
  const first = await augment({copies: 2, blur: 1.5}, 9);
  const again = await augment({copies: 2, blur: 1.5}, 9);
  const other = await augment({copies: 2, blur: 1.5}, 10);
  assert.deepEqual(first.pixels, again.pixels);
  assert.ok(first.preview.equals(again.preview));
  assert.notDeepEqual(first.pixels, other.pixels);
});

test('with every change turned off a copy equals its original', async () => {
  const {pixels} = await augment({
    copies: 1,
    keep_original: false,
    rotation: 0,
    flip: false,
    brightness: 0,
    contrast: 0,
    saturation: 0,
    crop: 1,
    blur: 0,
  });
  const {original} = await augment({copies: 1});
  assert.deepEqual(pixels, original);
});

test('a mirrored copy mirrors the pixels and the camera angle', async () => {
  const {index, pixels, original} = await augment({
    copies: 8,
    keep_original: false,
    rotation: 0,
    brightness: 0,
    contrast: 0,
    saturation: 0,
    crop: 1,
    blur: 0,
  });
  const flipped = index.records.findIndex(
    (r, i) => i < 8 && r.attributes.angle === 'half_right',
  );
  assert.ok(flipped >= 0);
  const size = SIDE * SIDE * 3;
  const copy = pixels.subarray(flipped * size, (flipped + 1) * size);
  // Pixel (row 0, column 0) of the copy is pixel (0, 11) of the original.
  assert.deepEqual([...copy.subarray(0, 3)], [...original.subarray(33, 36)]);
});

test('the chosen normalisation is recorded for training', async () => {
  const {index} = await augment({normalization: 'imagenet'});
  assert.equal(index.normalization, 'imagenet');
  const {index: kept} = await augment({});
  assert.equal(kept.normalization, 'unit');
});
