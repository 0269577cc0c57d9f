import type {ImagesIndex} from '../../artifacts/images.js';
import {toFloat} from '../../artifacts/normalize.js';
import {readImagePixels, readImagesIndex} from '../../artifacts/read-images.js';
import type {LabeledSet} from './labeled-set.js';

/**
 * An `images` artifact as float examples, scaled as its index's
 * `normalization` says (the same `toFloat` evaluation uses).
 */
export async function readLabeledImages(
  folder: string,
): Promise<{set: LabeledSet; index: ImagesIndex}> {
  const index = await readImagesIndex(folder);
  const pixels = await readImagePixels(folder, undefined, index);
  const set: LabeledSet = {
    x: toFloat(pixels, index.normalization, index.channels),
    sampleShape: [index.height, index.width, index.channels],
    labels: Int32Array.from(index.records, (r) => r.label),
    classes: index.labels.length,
  };
  return {set, index};
}
