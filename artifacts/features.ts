import type {ImageRecord} from './images.js';

/**
 * `features` artifact layout (a folder): `index.json` (a
 * {@link FeaturesIndex}) and `features.bin`, float32 little-endian,
 * `count x dim` row-major, rows in record order.
 */
export interface FeaturesIndex {
  readonly format: 'features/v1';
  readonly count: number;
  readonly dim: number;
  readonly labels: readonly string[];
  /** Backbone that produced them, e.g. `face-xception`. */
  readonly extractor: string;
  readonly records: readonly ImageRecord[];
}
