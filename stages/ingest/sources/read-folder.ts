import {join} from 'node:path';
import {isImageName, listFiles} from '../list-files.js';
import type {SourceListing} from '../source-item.js';

/**
 * Reads one subfolder per class (`happy/001.png`). Without identities,
 * every picture counts as its own person.
 */
export async function readFolder(root: string): Promise<SourceListing> {
  const items = [];
  const unmatched = [];
  for (const file of await listFiles(root)) {
    const parts = file.split('/');
    const label = parts[0];
    if (parts.length !== 2 || label === undefined || !isImageName(file)) {
      unmatched.push(file);
      continue;
    }
    items.push({
      label,
      identity: file,
      attributes: {},
      source: file,
      file: join(root, file),
    });
  }
  return {items, unmatched};
}
