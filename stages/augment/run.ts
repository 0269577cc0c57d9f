import {join} from 'node:path';
import type {ImageRecord, ImagesIndex} from '../../artifacts/images.js';
import {writeImages} from '../../artifacts/images-writer.js';
import {writePreviewGrid} from '../../artifacts/preview-grid.js';
import type {PreviewRow} from '../../artifacts/preview-grid.js';
import {readImagePixels, readImagesIndex} from '../../artifacts/read-images.js';
import type {
  InputArtifact,
  StageContext,
} from '../../runner/stage-definition.js';
import {createRandom, hashSeed} from '../seeded-random.js';
import {augmentImage, drawAugment} from './augment-image.js';
import type {AugmentDraw} from './augment-image.js';
import type {AugmentParams} from './definition.js';

/** The `augment` stage: originals (optionally) and seeded copies. */
export async function runAugment(
  context: StageContext<AugmentParams>,
): Promise<void> {
  const input = singleInput(context.inputs.images);
  const index = await readImagesIndex(input.path);
  const pixels = await readImagePixels(input.path, undefined, index);
  const folder = context.outputs.images;
  if (folder === undefined) throw new Error('Internal error: no output');
  const records: ImageRecord[] = [];
  const preview = new Map<number, PreviewRow>();
  const stream = augmentAll(context, index, pixels, {records, preview});
  const written = await writeImages(
    folder,
    {
      ...index,
      normalization: context.params.normalization ?? index.normalization,
      records,
    },
    stream,
  );
  const rows = [...preview.values()];
  await writePreviewGrid(join(folder, 'preview.png'), written, rows);
  context.metric('images', written.count);
}

function singleInput(
  input: InputArtifact | InputArtifact[] | undefined,
): InputArtifact {
  if (input === undefined || Array.isArray(input)) {
    throw new Error('Internal error: augment takes one images artifact');
  }
  return input;
}

interface Collected {
  readonly records: ImageRecord[];
  /** First images of each class, up to `preview`, with their copies. */
  readonly preview: Map<number, PreviewRow>;
}

// A generator, so the writer streams copies to disk as they are made;
// records fill in before `writeImages` reads them at the end.
async function* augmentAll(
  context: StageContext<AugmentParams>,
  index: ImagesIndex,
  pixels: Uint8Array,
  out: Collected,
): AsyncIterable<Uint8Array> {
  const {params} = context;
  const size = index.height * index.width * index.channels;
  for (let i = 0; i < index.count; i++) {
    context.signal.throwIfAborted();
    const record = index.records[i];
    if (record === undefined) throw new Error('Internal error: no record');
    const original = pixels.subarray(i * size, (i + 1) * size);
    const copies = makeCopies(context, index, original, i);
    if (params.keep_original) {
      out.records.push(record);
      yield original;
    }
    for (const [k, {draw, image}] of copies.entries()) {
      out.records.push(copyRecord(record, k, draw));
      yield image;
    }
    collectPreview(
      out.preview,
      index,
      record,
      [original, ...copies.map((c) => c.image)],
      params.preview,
    );
    if (i % 64 === 0) context.progress(i, index.count, 'augment');
    // Let the writer's I/O run between images.
    await Promise.resolve();
  }
}

function makeCopies(
  context: StageContext<AugmentParams>,
  index: ImagesIndex,
  original: Uint8Array,
  i: number,
): {draw: AugmentDraw; image: Uint8Array}[] {
  return Array.from({length: context.params.copies}, (_, k) => {
    const random = createRandom(hashSeed(context.seed, i, k));
    const draw = drawAugment(context.params, random);
    return {draw, image: augmentImage(original, index, draw)};
  });
}

const MIRRORED: Readonly<Record<string, string>> = {
  full_left: 'full_right',
  half_left: 'half_right',
  full_right: 'full_left',
  half_right: 'half_left',
};

function copyRecord(
  record: ImageRecord,
  k: number,
  draw: AugmentDraw,
): ImageRecord {
  const angle = record.attributes.angle;
  const mirrored =
    draw.flipped && angle !== undefined ? MIRRORED[angle] : undefined;
  return {
    ...record,
    attributes: {
      ...record.attributes,
      ...(mirrored === undefined ? {} : {angle: mirrored}),
    },
    source: `${record.source}#augment${k + 1}`,
  };
}

function collectPreview(
  preview: Map<number, PreviewRow>,
  index: ImagesIndex,
  record: ImageRecord,
  tiles: readonly Uint8Array[],
  limit: number,
): void {
  if (preview.size >= limit || preview.has(record.label)) return;
  const label = index.labels[record.label] ?? String(record.label);
  preview.set(record.label, {label, tiles: tiles.map((tile) => tile.slice())});
}
