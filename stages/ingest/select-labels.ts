import {IngestError} from './source-item.js';
import type {SourceItem} from './source-item.js';

export interface LabelledItems {
  readonly items: SourceItem[];
  /** Class names; an item's label is one of them. */
  readonly labels: string[];
}

/**
 * Applies the `labels:` option. A list keeps those labels in that order;
 * a map renames source labels (or codes) and drops the unmapped; without
 * it, every label is kept in the source's order or sorted.
 */
export function selectLabels(
  items: readonly SourceItem[],
  option: readonly string[] | Readonly<Record<string, string>> | undefined,
  sourceOrder: readonly string[] = [],
): LabelledItems {
  const found = new Set(items.map((item) => item.label));
  if (option === undefined) {
    const known = sourceOrder.filter((label) => found.has(label));
    const rest = [...found].filter((l) => !known.includes(l)).sort();
    return {items: [...items], labels: [...known, ...rest]};
  }
  if (Array.isArray(option)) return keepListed(items, option, found);
  return renameMapped(items, option as Readonly<Record<string, string>>);
}

function keepListed(
  items: readonly SourceItem[],
  wanted: readonly string[],
  found: ReadonlySet<string>,
): LabelledItems {
  const missing = wanted.filter((label) => !found.has(label));
  if (missing.length > 0) {
    throw new IngestError(
      `labels: ${missing.join(', ')} not found in the dataset; ` +
        `it has ${[...found].sort().join(', ')}`,
    );
  }
  const keep = items.filter((item) => wanted.includes(item.label));
  return {items: keep, labels: [...wanted]};
}

function renameMapped(
  items: readonly SourceItem[],
  map: Readonly<Record<string, string>>,
): LabelledItems {
  const labels = [...new Set(Object.values(map))];
  const renamed = items.flatMap((item) => {
    const label = map[item.label] ?? map[item.attributes.expression ?? ''];
    return label === undefined ? [] : [{...item, label}];
  });
  if (renamed.length === 0) {
    const codes = [...new Set(items.map((item) => item.label))].sort();
    throw new IngestError(
      `labels: no source label matches the map's keys ` +
        `(${Object.keys(map).join(', ')}); the dataset has ${codes.join(', ')}`,
    );
  }
  return {items: renamed, labels};
}
