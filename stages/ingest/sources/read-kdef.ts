import {readFile} from 'node:fs/promises';
import {basename, join} from 'node:path';
import {csvRecords} from '../parse-csv.js';
import {
  KDEF_ANGLES,
  KDEF_EXPRESSIONS,
  kdefIdentity,
  parseKdefName,
} from '../kdef-name.js';
import type {AngleCode, KdefName, Session} from '../kdef-name.js';
import {listFiles} from '../list-files.js';
import type {SourceItem, SourceListing} from '../source-item.js';

/** The file of per-identity attributes the synthetic set writes. */
export const IDENTITIES_FILE = 'identities.csv';

export interface KdefFilter {
  readonly angles?: readonly AngleCode[];
  readonly sessions?: readonly Session[];
}

/**
 * Reads a KDEF folder as distributed (any depth, e.g.
 * `KDEF_and_AKDEF/KDEF/AF01/AF01ANHL.JPG`). Every part of the name becomes
 * an attribute; files that do not fit the scheme are listed as unmatched.
 * An `identities.csv` at the root adds its columns as attributes.
 */
export async function readKdef(
  root: string,
  filter: KdefFilter = {},
): Promise<SourceListing> {
  const files = await listFiles(root);
  const extra = await readIdentityAttributes(root, files);
  const items: SourceItem[] = [];
  const unmatched: string[] = [];
  for (const file of files) {
    if (file === IDENTITIES_FILE) continue;
    const name = parseKdefName(basename(file));
    if (name === undefined) unmatched.push(file);
    else if (keeps(filter, name)) {
      items.push(kdefItem(root, file, name, extra));
    }
  }
  return {items, unmatched, labelOrder: Object.values(KDEF_EXPRESSIONS)};
}

function keeps(filter: KdefFilter, name: KdefName): boolean {
  return (
    (filter.angles?.includes(name.angle) ?? true) &&
    (filter.sessions?.includes(name.session) ?? true)
  );
}

function kdefItem(
  root: string,
  file: string,
  name: KdefName,
  extra: ReadonlyMap<string, Record<string, string>>,
): SourceItem {
  const identity = kdefIdentity(name);
  return {
    label: KDEF_EXPRESSIONS[name.expression],
    identity,
    attributes: {
      gender: name.gender === 'F' ? 'female' : 'male',
      session: name.session,
      angle: KDEF_ANGLES[name.angle],
      expression: name.expression,
      ...extra.get(identity),
    },
    source: file,
    file: join(root, file),
  };
}

async function readIdentityAttributes(
  root: string,
  files: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  const byIdentity = new Map<string, Record<string, string>>();
  if (!files.includes(IDENTITIES_FILE)) return byIdentity;
  const text = await readFile(join(root, IDENTITIES_FILE), 'utf8');
  for (const {identity, ...attributes} of csvRecords(text)) {
    if (identity !== undefined) byIdentity.set(identity, attributes);
  }
  return byIdentity;
}
