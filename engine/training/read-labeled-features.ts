import {readFile} from 'node:fs/promises';
import path from 'node:path';
import type {FeaturesIndex} from '../../artifacts/features.js';
import type {LabeledSet} from './labeled-set.js';

/** A `features` artifact as examples: one float32 row per record. */
export async function readLabeledFeatures(
  folder: string,
): Promise<{set: LabeledSet; index: FeaturesIndex}> {
  const index = JSON.parse(
    await readFile(path.join(folder, 'index.json'), 'utf8'),
  ) as FeaturesIndex;
  const bytes = await readFile(path.join(folder, 'features.bin'));
  if (bytes.byteLength !== index.count * index.dim * 4) {
    throw new Error(
      `${folder}: features.bin has ${bytes.byteLength} bytes, expected ` +
        `${index.count} x ${index.dim} float32; the artifact is damaged.`,
    );
  }
  const x = new Float32Array(index.count * index.dim);
  new Uint8Array(x.buffer).set(bytes);
  const set: LabeledSet = {
    x,
    sampleShape: [index.dim],
    labels: Int32Array.from(index.records, (r) => r.label),
    classes: index.labels.length,
  };
  return {set, index};
}
