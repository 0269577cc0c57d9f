import {open, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {ImagesIndex} from './images.js';

/** Reads and checks `index.json` of an `images` artifact. */
export async function readImagesIndex(folder: string): Promise<ImagesIndex> {
  const file = join(folder, 'index.json');
  const index = JSON.parse(await readFile(file, 'utf8')) as ImagesIndex;
  const format: unknown = index.format;
  if (format !== 'images/v1') {
    throw new Error(
      `${file}: expected an images/v1 index, found format ` +
        JSON.stringify(format),
    );
  }
  return index;
}

/** Bytes of one image in an artifact. */
export function imageBytes(index: ImagesIndex): number {
  return index.height * index.width * index.channels;
}

/**
 * Pixels of the images at `indices` (all by default), uint8 NHWC in the
 * order asked. Reads only the shards that hold them.
 */
export async function readImagePixels(
  folder: string,
  indices?: readonly number[],
  index?: ImagesIndex,
): Promise<Uint8Array> {
  const meta = index ?? (await readImagesIndex(folder));
  if (indices === undefined) return readAll(folder, meta);
  const size = imageBytes(meta);
  const out = new Uint8Array(indices.length * size);
  const byShard = groupByShard(meta, indices);
  for (const [shard, wanted] of byShard) {
    const name = meta.shards[shard];
    if (name === undefined)
      throw new Error(`Internal error: no shard ${shard}`);
    await copyFromShard(join(folder, name), wanted, size, out);
  }
  return out;
}

async function readAll(folder: string, meta: ImagesIndex): Promise<Uint8Array> {
  const out = new Uint8Array(meta.count * imageBytes(meta));
  let offset = 0;
  for (const name of meta.shards) {
    const bytes = await readFile(join(folder, name));
    out.set(bytes, offset);
    offset += bytes.length;
  }
  if (offset !== out.length) {
    throw new Error(
      `${folder}: shards hold ${offset} bytes, expected ${out.length}`,
    );
  }
  return out;
}

/** One wanted image: where it sits in its shard and in the output. */
interface Wanted {
  readonly within: number;
  readonly position: number;
}

function groupByShard(
  meta: ImagesIndex,
  indices: readonly number[],
): Map<number, Wanted[]> {
  const groups = new Map<number, Wanted[]>();
  indices.forEach((image, position) => {
    if (!Number.isInteger(image) || image < 0 || image >= meta.count) {
      throw new RangeError(`image ${image} is outside 0..${meta.count - 1}`);
    }
    const shard = Math.floor(image / meta.shardSize);
    const list = groups.get(shard) ?? [];
    list.push({within: image % meta.shardSize, position});
    groups.set(shard, list);
  });
  return groups;
}

async function copyFromShard(
  file: string,
  wanted: readonly Wanted[],
  size: number,
  out: Uint8Array,
): Promise<void> {
  const handle = await open(file, 'r');
  try {
    for (const {within, position} of wanted) {
      const target = out.subarray(position * size, (position + 1) * size);
      const {bytesRead} = await handle.read(target, 0, size, within * size);
      if (bytesRead !== size) throw new Error(`${file}: truncated shard`);
    }
  } finally {
    await handle.close();
  }
}
