import {createReadStream} from 'node:fs';
import {basename} from 'node:path';
import {createInterface} from 'node:readline';
import {IngestError} from '../source-item.js';
import type {SourceItem, SourceListing, SplitName} from '../source-item.js';

/** FER2013's emotion codes 0-6, in order. */
export const FER2013_LABELS = [
  'angry',
  'disgust',
  'fear',
  'happy',
  'sad',
  'surprise',
  'neutral',
] as const;

const USAGE: Readonly<Record<string, SplitName>> = {
  Training: 'train',
  PublicTest: 'val',
  PrivateTest: 'test',
};

const SIDE = 48;

/**
 * Reads the FER2013 CSV (`emotion,pixels,Usage`). It has no identities,
 * so each row is its own person and `Usage` fixes the split. A row whose
 * pixels do not make 48 x 48 is kept as a bad image, for `on_bad_image`.
 */
export async function readFer2013(file: string): Promise<SourceListing> {
  const lines = createInterface({input: createReadStream(file)});
  const items: SourceItem[] = [];
  const unmatched: string[] = [];
  let columns: Record<string, number> | undefined;
  let row = 0;
  for await (const line of lines) {
    row++;
    if (line.trim() === '') continue;
    const fields = line.split(',').map((field) => field.trim());
    if (columns === undefined) {
      columns = headerColumns(file, fields);
      continue;
    }
    const item = rowItem(file, row, fields, columns);
    if (item === undefined) unmatched.push(`${basename(file)}#${row}`);
    else items.push(item);
  }
  return {items, unmatched, labelOrder: FER2013_LABELS};
}

function headerColumns(file: string, header: string[]): Record<string, number> {
  const columns: Record<string, number> = {};
  for (const name of ['emotion', 'pixels', 'Usage']) {
    const at = header.indexOf(name);
    if (at < 0) {
      throw new IngestError(
        `${file}: expected FER2013 columns emotion, pixels, Usage; ` +
          `found ${header.join(', ')}`,
      );
    }
    columns[name] = at;
  }
  return columns;
}

function rowItem(
  file: string,
  row: number,
  fields: readonly string[],
  columns: Readonly<Record<string, number>>,
): SourceItem | undefined {
  const label = FER2013_LABELS[Number(fields[columns.emotion ?? 0])];
  const split = USAGE[fields[columns.Usage ?? 2] ?? ''];
  if (label === undefined || split === undefined) return undefined;
  const values = (fields[columns.pixels ?? 1] ?? '').split(/\s+/);
  const source = `${basename(file)}#${row}`;
  return {
    label,
    identity: source,
    attributes: {usage: fields[columns.Usage ?? 2] ?? ''},
    source,
    raw: {pixels: Uint8Array.from(values, Number), width: SIDE, height: SIDE},
    split,
  };
}
