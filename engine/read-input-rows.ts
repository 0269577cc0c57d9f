import type {ImageRecord, Normalization} from '../artifacts/images.js';
import {toFloat} from '../artifacts/normalize.js';
import {readFeatures} from '../artifacts/read-features.js';
import {readImagePixels, readImagesIndex} from '../artifacts/read-images.js';

/**
 * Samples as flat rows, whichever artifact they came from: an `images`
 * artifact gives normalised pixels (height x width x channels values per
 * row), a `features` artifact gives its feature vectors.
 */
export interface InputRows {
  readonly input: 'pixels' | 'features';
  readonly data: Float32Array;
  readonly dim: number;
  readonly count: number;
  readonly labels: readonly string[];
  readonly records: readonly ImageRecord[];
  /** [height, width, channels] of the source images; [1, 1, dim] for features. */
  readonly shape: readonly [number, number, number];
  readonly normalization: Normalization;
}

/** Reads an `images` artifact folder as rows of normalised pixels. */
export async function readPixelRows(folder: string): Promise<InputRows> {
  const index = await readImagesIndex(folder);
  const pixels = await readImagePixels(folder, undefined, index);
  const dim = index.height * index.width * index.channels;
  return {
    input: 'pixels',
    data: toFloat(pixels, index.normalization, index.channels),
    dim,
    count: index.count,
    labels: index.labels,
    records: index.records,
    shape: [index.height, index.width, index.channels],
    normalization: index.normalization,
  };
}

/** Reads a `features` artifact folder as rows. */
export async function readFeatureRows(folder: string): Promise<InputRows> {
  const {index, rows} = await readFeatures(folder);
  return {
    input: 'features',
    data: rows,
    dim: index.dim,
    count: index.count,
    labels: index.labels,
    records: index.records,
    shape: [1, 1, index.dim],
    normalization: 'unit',
  };
}

/** Class index of every row. */
export function rowLabels(rows: InputRows): Int32Array {
  return Int32Array.from(rows.records, (record) => record.label);
}
