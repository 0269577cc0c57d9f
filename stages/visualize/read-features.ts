import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {FeaturesIndex} from '../../artifacts/features.js';

/** A features artifact in memory. */
export interface LoadedFeatures {
  readonly index: FeaturesIndex;
  readonly data: Float32Array;
}

/** Reads `index.json` and `features.bin` (float32 LE, count x dim). */
export async function readFeatures(dir: string): Promise<LoadedFeatures> {
  const text = await readFile(join(dir, 'index.json'), 'utf8');
  const index = JSON.parse(text) as FeaturesIndex;
  const bytes = await readFile(join(dir, 'features.bin'));
  const expected = index.count * index.dim * 4;
  if (bytes.length !== expected) {
    throw new Error(
      `${dir}: features.bin has ${bytes.length} bytes, expected ${expected} ` +
        `(${index.count} x ${index.dim} float32)`,
    );
  }
  const copy = new Uint8Array(bytes);
  return {
    index,
    data: new Float32Array(copy.buffer, 0, index.count * index.dim),
  };
}

/** The category of each record to colour by: its label or an attribute. */
export function categoriesOf(index: FeaturesIndex, colourBy: string): string[] {
  return index.records.map((record) => {
    if (colourBy === 'label') {
      return index.labels[record.label] ?? String(record.label);
    }
    const value = record.attributes[colourBy];
    if (value === undefined) {
      const known = Object.keys(index.records[0]?.attributes ?? {});
      throw new Error(
        `visualize: images have no attribute "${colourBy}"; ` +
          `use color_by: label or one of ${known.join(', ')}`,
      );
    }
    return value;
  });
}
