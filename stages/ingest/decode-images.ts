import PQueue from 'p-queue';
import sharp from 'sharp';
import type {Sharp} from 'sharp';
import {IngestError} from './source-item.js';
import type {SourceItem} from './source-item.js';

export interface DecodeOptions {
  readonly size: number;
  readonly channels: 1 | 3;
  /** Images decoded at once; sharp works on libuv's thread pool. */
  readonly concurrency: number;
  readonly onBadImage: 'error' | 'skip';
  readonly signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

export interface Decoded {
  /** The items that decoded, in their original order... */
  readonly items: SourceItem[];
  /** ...and their pixels, `size x size x channels` each. */
  readonly pixels: Uint8Array[];
  /** Sources that could not be decoded, with why (when skipped). */
  readonly bad: {readonly source: string; readonly reason: string}[];
}

/**
 * Decodes and resizes (cover, centred) every item to a square. A bad
 * image either stops the stage with an error naming the file, or is
 * skipped and reported, as `onBadImage` says.
 */
export async function decodeImages(
  items: readonly SourceItem[],
  options: DecodeOptions,
): Promise<Decoded> {
  const results: (Uint8Array | string)[] = new Array<Uint8Array | string>(
    items.length,
  );
  const queue = new PQueue({concurrency: options.concurrency});
  let done = 0;
  const decodeOne = async (item: SourceItem, i: number): Promise<void> => {
    options.signal?.throwIfAborted();
    results[i] = await decodeOrReason(item, options);
    if (typeof results[i] === 'string' && options.onBadImage === 'error') {
      throw new IngestError(
        `cannot read image ${item.source}: ${results[i]}. Fix or remove ` +
          `the file, or set on_bad_image: skip to leave such images out.`,
      );
    }
    options.onProgress?.(++done, items.length);
  };
  await Promise.all(
    items.map((item, i) => queue.add(() => decodeOne(item, i))),
  );
  return collect(items, results);
}

function collect(
  items: readonly SourceItem[],
  results: readonly (Uint8Array | string)[],
): Decoded {
  const out: Decoded = {items: [], pixels: [], bad: []};
  items.forEach((item, i) => {
    const result = results[i];
    if (result instanceof Uint8Array) {
      out.items.push(item);
      out.pixels.push(result);
    } else out.bad.push({source: item.source, reason: result ?? 'not decoded'});
  });
  return out;
}

async function decodeOrReason(
  item: SourceItem,
  options: DecodeOptions,
): Promise<Uint8Array | string> {
  try {
    return await decodeOne(item, options);
  } catch (error: unknown) {
    if (error instanceof IngestError) return error.message;
    return error instanceof Error ? error.message : String(error);
  }
}

async function decodeOne(
  item: SourceItem,
  {size, channels}: DecodeOptions,
): Promise<Uint8Array> {
  const image = openImage(item)
    .resize(size, size, {fit: 'cover'})
    .removeAlpha()
    .toColourspace(channels === 1 ? 'b-w' : 'srgb');
  const {data, info} = await image.raw().toBuffer({resolveWithObject: true});
  if (info.channels !== channels || data.length !== size * size * channels) {
    throw new IngestError(`decoded to ${info.channels} channels`);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

function openImage(item: SourceItem): Sharp {
  if (item.file !== undefined) {
    return sharp(item.file, {failOn: 'truncated'}).rotate();
  }
  const raw = item.raw;
  if (raw === undefined) throw new Error('Internal error: item without data');
  const expected = raw.width * raw.height;
  if (raw.pixels.length !== expected) {
    throw new IngestError(
      `expected ${expected} pixel values, found ${raw.pixels.length}`,
    );
  }
  return sharp(raw.pixels, {
    raw: {width: raw.width, height: raw.height, channels: 1},
  });
}
