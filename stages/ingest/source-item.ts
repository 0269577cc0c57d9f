/** Where a split comes from when the dataset fixes it (FER2013 Usage). */
export type SplitName = 'train' | 'val' | 'test';

/** One picture a source found, before decoding. */
export interface SourceItem {
  /** Label as the source names it; `labels:` may rename or drop it. */
  readonly label: string;
  readonly identity: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Path relative to the dataset root (or `file.csv#row`). */
  readonly source: string;
  /** Absolute path of an encoded image file... */
  readonly file?: string;
  /** ...or raw grey pixels with their size (FER2013 rows). */
  readonly raw?: {
    readonly pixels: Uint8Array;
    readonly width: number;
    readonly height: number;
  };
  /** A split fixed by the dataset; otherwise split by identity. */
  readonly split?: SplitName;
}

/** What a source read: its items and the names it could not use. */
export interface SourceListing {
  readonly items: SourceItem[];
  /** Label order the source defines (KDEF's expressions), if any. */
  readonly labelOrder?: readonly string[];
  /** Files that do not follow the source's naming scheme. */
  readonly unmatched: readonly string[];
}

/** A problem in the user's data or parameters: shown without a stack. */
export class IngestError extends Error {
  override readonly name = 'IngestError';
}
