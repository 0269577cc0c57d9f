import {mkdir, open, writeFile} from 'node:fs/promises';
import type {FileHandle} from 'node:fs/promises';
import {join} from 'node:path';
import type {ImageRecord, ImagesIndex, Normalization} from './images.js';

/** What `writeImages` needs besides the pixels. */
export interface ImagesHeader {
  readonly height: number;
  readonly width: number;
  readonly channels: 1 | 3;
  readonly labels: readonly string[];
  readonly normalization: Normalization;
  readonly records: readonly ImageRecord[];
  /** Images per shard; by default shards hold about 32 MiB. */
  readonly shardSize?: number;
}

const SHARD_BYTES = 32 * 1024 * 1024;

/** Pixels as one buffer or as a stream of chunks of any length. */
export type PixelSource = AsyncIterable<Uint8Array> | Uint8Array;

/** Name of shard `n`, e.g. `shard-003.bin`. */
export function shardName(n: number): string {
  return `shard-${String(n).padStart(3, '0')}.bin`;
}

/** Images per shard for images of `imageBytes` bytes. */
export function defaultShardSize(imageBytes: number): number {
  return Math.max(1, Math.floor(SHARD_BYTES / imageBytes));
}

/**
 * Writes an `images` artifact into `folder`: pixels (uint8 NHWC, records
 * in order) stream into shards, then `index.json`. The preview grid is
 * written separately (see `writePreviewGrid`). Fails when the pixel count
 * does not match the records.
 */
export async function writeImages(
  folder: string,
  header: ImagesHeader,
  pixels: PixelSource,
): Promise<ImagesIndex> {
  await mkdir(folder, {recursive: true});
  const imageBytes = header.height * header.width * header.channels;
  const shardSize = header.shardSize ?? defaultShardSize(imageBytes);
  const writer = new ShardWriter(folder, shardSize * imageBytes);
  try {
    for await (const chunk of toChunks(pixels)) await writer.write(chunk);
  } finally {
    await writer.close();
  }
  const expected = header.records.length * imageBytes;
  if (writer.total !== expected) {
    throw new Error(
      `Internal error: ${writer.total} pixel bytes for ` +
        `${header.records.length} images of ${imageBytes} bytes`,
    );
  }
  const index = buildIndex(header, shardSize, writer.names);
  await writeFile(join(folder, 'index.json'), JSON.stringify(index));
  return index;
}

function buildIndex(
  header: ImagesHeader,
  shardSize: number,
  shards: readonly string[],
): ImagesIndex {
  return {
    format: 'images/v1',
    height: header.height,
    width: header.width,
    channels: header.channels,
    labels: header.labels,
    normalization: header.normalization,
    shardSize,
    shards,
    count: header.records.length,
    records: header.records,
  };
}

async function* toChunks(pixels: PixelSource): AsyncIterable<Uint8Array> {
  if (pixels instanceof Uint8Array) yield pixels;
  else yield* pixels;
}

/** Splits a byte stream into fixed-size shard files. */
class ShardWriter {
  readonly names: string[] = [];
  total = 0;
  #handle: FileHandle | undefined;
  // Bytes still to write into the open shard.
  #room = 0;

  constructor(
    private readonly folder: string,
    private readonly shardBytes: number,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.#room === 0) await this.#next();
      const take = Math.min(this.#room, chunk.length - offset);
      await this.#handle?.write(chunk, offset, take);
      offset += take;
      this.#room -= take;
      this.total += take;
    }
  }

  async close(): Promise<void> {
    await this.#handle?.close();
    this.#handle = undefined;
  }

  async #next(): Promise<void> {
    await this.close();
    const name = shardName(this.names.length);
    this.names.push(name);
    this.#handle = await open(join(this.folder, name), 'w');
    this.#room = this.shardBytes;
  }
}
