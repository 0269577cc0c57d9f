import {isMap, isScalar, isSeq, type Pair, type YAMLMap} from 'yaml';
import type {Scalar} from '../stage-definition.js';
import type {Span} from './diagnostic.js';
import {unmaskExpressions} from './mask-expressions.js';

/** Where a parsed node sits; `fallback` for nodes the parser synthesised. */
export function spanOf(node: unknown, fallback: Span): Span {
  if (isScalar(node) || isMap(node) || isSeq(node)) {
    const range = node.range;
    if (range) {
      return [range[0], Math.max(range[1], range[0] + 1)];
    }
  }
  return fallback;
}

/** A mapping key as text, or undefined when the key is not a scalar. */
export function keyName(pair: Pair): string | undefined {
  const key = pair.key;
  return isScalar(key) ? String(plainValue(key.value)) : undefined;
}

/** A scalar's value with expression characters restored. */
export function plainValue(value: unknown): unknown {
  return typeof value === 'string' ? unmaskExpressions(value) : value;
}

/** Human wording of a node's kind for "expected X, got Y" messages. */
export function describeNode(node: unknown): string {
  if (isMap(node)) {
    return 'a mapping';
  }
  if (isSeq(node)) {
    return 'a list';
  }
  if (isScalar(node) && node.value !== null) {
    return `${typeof node.value} ${JSON.stringify(plainValue(node.value))}`;
  }
  return 'nothing';
}

/** The value of a string, number or boolean scalar node. */
export function scalarOf(node: unknown): Scalar | undefined {
  if (!isScalar(node)) {
    return undefined;
  }
  const value = plainValue(node.value);
  return typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
    ? value
    : undefined;
}

/**
 * A mapping's pairs, keeping the first of duplicated keys: the parser
 * already reported the duplicate, and the later copy would only cause
 * confusing follow-on problems.
 */
export function uniquePairs(map: YAMLMap): Pair[] {
  const seen = new Set<string | undefined>();
  return map.items.filter((pair) => {
    const key = keyName(pair);
    const fresh = key === undefined || !seen.has(key);
    seen.add(key);
    return fresh;
  });
}

/** `key:` with nothing after it, which YAML reads as null. */
export function isEmptyValue(node: unknown): boolean {
  return node === null || (isScalar(node) && node.value === null);
}
