import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import sharp from 'sharp';
import {writeImages} from '../../artifacts/images-writer.js';
import {readImagePixels, readImagesIndex} from '../../artifacts/read-images.js';
import {toFloat} from '../../artifacts/normalize.js';
import {
  previewRowsByClass,
  writePreviewGrid,
} from '../../artifacts/preview-grid.js';
import type {ImageRecord} from '../../artifacts/images.js';

const records: ImageRecord[] = [0, 1, 0, 1, 0].map((label, i) => ({
  label,
  identity: `p${i}`,
  attributes: {},
  source: `img${i}.png`,
}));
const header = {
  height: 2,
  width: 3,
  channels: 3 as const,
  labels: ['a', 'b'],
  normalization: 'unit' as const,
  records,
  shardSize: 2,
};
// Image i has every byte equal to i * 10 + position.
const pixels = Uint8Array.from(
  {length: 5 * 18},
  (_, k) => Math.floor(k / 18) * 10 + (k % 18),
);

async function* inPieces(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 7) {
    yield await Promise.resolve(bytes.slice(at, at + 7));
  }
}

test('images written in uneven chunks read back whole and by index', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'images-'));
  try {
    const index = await writeImages(folder, header, inPieces(pixels));
    assert.deepEqual(index.shards, [
      'shard-000.bin',
      'shard-001.bin',
      'shard-002.bin',
    ]);
    assert.deepEqual(await readImagePixels(folder), pixels);
    const picked = await readImagePixels(folder, [4, 1]);
    assert.deepEqual(
      picked,
      Uint8Array.of(...pixels.subarray(72, 90), ...pixels.subarray(18, 36)),
    );
    assert.equal((await readImagesIndex(folder)).records[3]?.identity, 'p3');
  } finally {
    await rm(folder, {recursive: true});
  }
});

test('writing fewer pixels than records fails', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'images-'));
  try {
    await assert.rejects(
      writeImages(folder, header, pixels.subarray(0, 20)),
      /20 pixel bytes for 5 images/,
    );
  } finally {
    await rm(folder, {recursive: true});
  }
});

test('reading an image outside the set is a range error', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'images-'));
  try {
    await writeImages(folder, header, pixels);
    await assert.rejects(readImagePixels(folder, [5]), RangeError);
  } finally {
    await rm(folder, {recursive: true});
  }
});

test('normalisations map 0 and 255 to their ranges', () => {
  const px = Uint8Array.of(0, 255, 0);
  assert.deepEqual([...toFloat(px, 'unit')], [0, 1, 0]);
  assert.deepEqual([...toFloat(px, 'symmetric')], [-1, 1, -1]);
  const imagenet = toFloat(px, 'imagenet');
  assert.ok(Math.abs((imagenet[0] ?? 0) - -0.485 / 0.229) < 1e-5);
  assert.ok(Math.abs((imagenet[1] ?? 0) - (1 - 0.456) / 0.224) < 1e-5);
});

test('preview grid has one row per class and a label column', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'images-'));
  try {
    const index = await writeImages(folder, header, pixels);
    const rows = previewRowsByClass(index, pixels, 2);
    assert.deepEqual(
      rows.map((row) => row.tiles.length),
      [2, 2],
    );
    const file = join(folder, 'preview.png');
    await writePreviewGrid(file, header, rows);
    const meta = await sharp(file).metadata();
    // Tiles of height 2 scale by 32 to 64 pixels, one gap row each.
    assert.equal(meta.height, 2 * 3 * 32);
    assert.equal(meta.width, 120 + 2 * 4 * 32);
    assert.ok((await readdir(folder)).includes('preview.png'));
  } finally {
    await rm(folder, {recursive: true});
  }
});
