import type {FeaturesIndex} from '../../artifacts/features.js';
import {readFeatures} from '../../artifacts/read-features.js';
import type {LabeledSet} from './labeled-set.js';

/** A `features` artifact as examples: one float32 row per record. */
export async function readLabeledFeatures(
  folder: string,
): Promise<{set: LabeledSet; index: FeaturesIndex}> {
  const {index, rows} = await readFeatures(folder);
  const set: LabeledSet = {
    x: rows,
    sampleShape: [index.dim],
    labels: Int32Array.from(index.records, (r) => r.label),
    classes: index.labels.length,
  };
  return {set, index};
}
