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
  const shown = previewPicks(index, context.params.preview);
  const stream = augmentAll(context, index, pixels, {records, preview, shown});
  const written = await writeImages(
    folder,
    {
      ...index,
      normalization: context.params.normalization ?? index.normalization,
      records,
    },
    stream,
  );
  const rows = [...preview.entries()].sort(([a], [b]) => a - b);
  await writePreviewGrid(
    join(folder, 'preview.png'),
    written,
    rows.map(([, row]) => row),
  );
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
  /** Image number to its preview row: the original and its copies. */
  readonly preview: Map<number, PreviewRow>;
  /** Which images the preview shows. */
  readonly shown: ReadonlySet<number>;
}

/**
 * Images for the preview: about `limit` in all, the same number from each
 * class, spread over the class (not just its first pictures).
 */
function previewPicks(index: ImagesIndex, limit: number): Set<number> {
  const members = index.labels.map((): number[] => []);
  index.records.forEach((record, i) => members[record.label]?.push(i));
  const filled = members.filter((list) => list.length > 0);
  const perClass = Math.max(1, Math.floor(limit / Math.max(1, filled.length)));
  const picks = new Set<number>();
  filled.forEach((list, c) => {
    const step = list.length / perClass;
    // Offsetting by the class number varies the picks across classes
    // when sets are ordered alike (KDEF: every person's angles in turn).
    for (let k = 0; k < Math.min(perClass, list.length); k++) {
      const at = Math.min(list.length - 1, Math.floor((k + 0.5) * step) + c);
      picks.add(list[at] ?? 0);
    }
  });
  return picks;
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
    collectPreview(out, index, i, [original, ...copies.map((c) => c.image)]);
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
  out: Collected,
  index: ImagesIndex,
  i: number,
  tiles: readonly Uint8Array[],
): void {
  if (!out.shown.has(i)) return;
  const label = index.records[i]?.label ?? 0;
  const name = index.labels[label] ?? String(label);
  out.preview.set(i, {label: name, tiles: tiles.map((tile) => tile.slice())});
}
