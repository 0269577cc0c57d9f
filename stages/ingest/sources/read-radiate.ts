import {basename, join} from 'node:path';
import {isImageName, listFiles} from '../list-files.js';
import type {SourceItem, SourceListing} from '../source-item.js';

/**
 * ASSUMED RADIATE naming, not confirmed against the distribution:
 * `<ethnicity><gender><number>_<expression>.<ext>`, e.g. `BF01_HO.jpg`
 * (Black female model 01, happy with open mouth). Where the real names
 * differ, list the files in a `manifest` instead (see docs/data.md).
 */
const PATTERN = /^([ABHW])([FM])(\d+)[_-]?([A-Za-z]+)\.[a-z]+$/i;

const ETHNICITY: Readonly<Record<string, string>> = {
  A: 'asian',
  B: 'black',
  H: 'hispanic',
  W: 'white',
};

/**
 * Reads a RADIATE-style folder: the expression code is the label (map it
 * to yours with `labels:`), ethnicity and gender come from the model code.
 */
export async function readRadiate(root: string): Promise<SourceListing> {
  const items: SourceItem[] = [];
  const unmatched: string[] = [];
  for (const file of await listFiles(root)) {
    const match = isImageName(file) ? PATTERN.exec(basename(file)) : null;
    if (match === null) {
      unmatched.push(file);
      continue;
    }
    const [, ethnicity = '', gender = '', number = '', code = ''] = match;
    const model = `${ethnicity}${gender}${number}`.toUpperCase();
    items.push({
      label: code.toUpperCase(),
      identity: model,
      attributes: {
        ethnicity: ETHNICITY[ethnicity.toUpperCase()] ?? ethnicity,
        gender: gender.toUpperCase() === 'F' ? 'female' : 'male',
        expression: code.toUpperCase(),
      },
      source: file,
      file: join(root, file),
    });
  }
  return {items, unmatched};
}
