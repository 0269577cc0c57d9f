import {readFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {csvRecords} from '../parse-csv.js';
import {IngestError} from '../source-item.js';
import type {SourceItem, SourceListing} from '../source-item.js';

/**
 * Reads a CSV manifest with columns `path` and `label`, an optional
 * `identity`, and any other columns as attributes (gender, ethnicity, ...).
 * Paths are relative to the manifest's folder. Without an identity
 * column every row counts as its own person.
 */
export async function readManifest(file: string): Promise<SourceListing> {
  const rows = csvRecords(await readFile(file, 'utf8'));
  const first = rows[0];
  for (const column of ['path', 'label']) {
    if (first !== undefined && !(column in first)) {
      throw new IngestError(
        `${file}: the manifest has no "${column}" column; its header must ` +
          `name at least "path" and "label" (found: ${Object.keys(first).join(', ')})`,
      );
    }
  }
  const root = dirname(file);
  const items = rows.map((row, i): SourceItem => {
    const {path = '', label = '', identity, ...attributes} = row;
    return {
      label,
      identity: identity !== undefined && identity !== '' ? identity : path,
      attributes,
      source: path === '' ? `row ${i + 2}` : path,
      file: join(root, path),
    };
  });
  return {items, unmatched: []};
}
