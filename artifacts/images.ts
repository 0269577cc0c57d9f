/**
 * `images` artifact layout (a folder):
 *
 * - `index.json`: an {@link ImagesIndex};
 * - `shard-000.bin`, `shard-001.bin`, ...: raw uint8 pixels, row-major
 *   NHWC, images in index order, `shardSize` images per shard;
 * - `preview.png`: a grid of a few images per class.
 *
 * Pixels stay uint8 on disk; `normalization` says how training and
 * evaluation must scale them, so both apply the same.
 */
export type Normalization = 'unit' | 'symmetric' | 'imagenet';

export interface ImageRecord {
  /** Index into `ImagesIndex.labels`. */
  readonly label: number;
  /** Person identity; splits never share one. */
  readonly identity: string;
  /** gender, skin_tone / ethnicity, angle, session, ... */
  readonly attributes: Readonly<Record<string, string>>;
  /** Where the image came from, relative to the dataset root. */
  readonly source: string;
}

export interface ImagesIndex {
  readonly format: 'images/v1';
  readonly height: number;
  readonly width: number;
  readonly channels: 1 | 3;
  /** Class names; a record's label indexes this list. */
  readonly labels: readonly string[];
  readonly normalization: Normalization;
  readonly shardSize: number;
  readonly shards: readonly string[];
  readonly count: number;
  readonly records: readonly ImageRecord[];
}
