import {readFile} from 'node:fs/promises';
import path from 'node:path';
import type {ImagesIndex, Normalization} from '../../artifacts/images.js';
import type {LabeledSet} from './labeled-set.js';

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];

/**
 * An `images` artifact as float examples, scaled as its index's
 * `normalization` says so that training and evaluation agree.
 */
export async function readLabeledImages(
  folder: string,
): Promise<{set: LabeledSet; index: ImagesIndex}> {
  const index = JSON.parse(
    await readFile(path.join(folder, 'index.json'), 'utf8'),
  ) as ImagesIndex;
  const pixels = await readPixels(folder, index);
  const sampleShape = [index.height, index.width, index.channels];
  const set: LabeledSet = {
    x: normalize(pixels, index.normalization, index.channels),
    sampleShape,
    labels: Int32Array.from(index.records, (r) => r.label),
    classes: index.labels.length,
  };
  return {set, index};
}

async function readPixels(
  folder: string,
  index: ImagesIndex,
): Promise<Uint8Array> {
  const perImage = index.height * index.width * index.channels;
  const pixels = new Uint8Array(index.count * perImage);
  let at = 0;
  for (const shard of index.shards) {
    const bytes = await readFile(path.join(folder, shard));
    pixels.set(bytes.subarray(0, pixels.length - at), at);
    at += bytes.length;
  }
  if (at < pixels.length) {
    throw new Error(
      `${folder}: the shards hold ${at} bytes but index.json lists ` +
        `${index.count} images of ${perImage} bytes; the artifact is damaged.`,
    );
  }
  return pixels;
}

function normalize(
  pixels: Uint8Array,
  normalization: Normalization,
  channels: number,
): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    const unit = (pixels[i] as number) / 255;
    out[i] = scale(unit, normalization, channels === 3 ? i % 3 : -1);
  }
  return out;
}

function scale(unit: number, normalization: Normalization, channel: number) {
  switch (normalization) {
    case 'unit':
      return unit;
    case 'symmetric':
      return unit * 2 - 1;
    case 'imagenet': {
      const mean = channel < 0 ? 0.449 : (IMAGENET_MEAN[channel] ?? 0);
      const std = channel < 0 ? 0.226 : (IMAGENET_STD[channel] ?? 1);
      return (unit - mean) / std;
    }
  }
}
