import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {FeaturesIndex} from './features.js';

/** A `features` artifact in memory: its index and the `count x dim` rows. */
export interface Features {
  readonly index: FeaturesIndex;
  readonly rows: Float32Array;
}

/** Reads and checks a `features` artifact folder. */
export async function readFeatures(folder: string): Promise<Features> {
  const file = join(folder, 'index.json');
  const index = JSON.parse(await readFile(file, 'utf8')) as FeaturesIndex;
  const format: unknown = index.format;
  if (format !== 'features/v1') {
    throw new Error(
      `${file}: expected a features/v1 index, found format ` +
        JSON.stringify(format),
    );
  }
  const bytes = await readFile(join(folder, 'features.bin'));
  const expected = index.count * index.dim * 4;
  if (bytes.length !== expected) {
    throw new Error(
      `${folder}/features.bin: holds ${bytes.length} bytes, expected ` +
        `${expected} (${index.count} x ${index.dim} float32)`,
    );
  }
  // Copy into an aligned buffer: a Buffer may start at any byte offset.
  const rows = new Float32Array(index.count * index.dim);
  new Uint8Array(rows.buffer).set(bytes);
  return {index, rows};
}

/** Writes a `features` artifact folder (index.json and features.bin). */
export async function writeFeatures(
  folder: string,
  features: Features,
): Promise<void> {
  const {index, rows} = features;
  if (rows.length !== index.count * index.dim) {
    throw new Error(
      `Internal error: ${rows.length} feature values for ` +
        `${index.count} x ${index.dim}`,
    );
  }
  await writeFile(join(folder, 'features.bin'), new Uint8Array(rows.buffer));
  await writeFile(
    join(folder, 'index.json'),
    JSON.stringify(index, null, 2) + '\n',
  );
}
