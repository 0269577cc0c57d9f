import {canonicalJson} from '../util/canonical-json.js';
import type {FingerprintDocument, Runtime} from './fingerprint.js';

/**
 * Why `next` differs from the document last recorded for the same
 * instance, one human sentence per difference, e.g.
 * `param lr changed from 0.01 to 0.02` or `file data/x.csv changed`.
 */
export function explainStaleness(
  previous: FingerprintDocument,
  next: FingerprintDocument,
): string[] {
  return [
    ...explainType(previous, next),
    ...explainParams(previous.params, next.params),
    ...explainDigests('input', previous.inputs, next.inputs),
    ...explainDigests('file', previous.files, next.files),
    ...explainRuntime(previous.runtime, next.runtime),
  ];
}

function explainType(
  previous: FingerprintDocument,
  next: FingerprintDocument,
): string[] {
  if (previous.type !== next.type) {
    return [`stage type ${previous.type} -> ${next.type}`];
  }
  if (previous.version !== next.version) {
    return [`stage version ${previous.version} -> ${next.version}`];
  }
  return [];
}

function explainParams(
  previous: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, unknown>>,
): string[] {
  const before = flatten(previous);
  const after = flatten(next);
  const reasons: string[] = [];
  for (const key of unionKeys(before, after)) {
    const [a, b] = [before.get(key), after.get(key)];
    if (a === undefined) {
      reasons.push(`param ${key} added (${b})`);
    } else if (b === undefined) {
      reasons.push(`param ${key} removed (was ${a})`);
    } else if (a !== b) {
      reasons.push(`param ${key} changed from ${a} to ${b}`);
    }
  }
  return reasons;
}

function explainDigests(
  noun: string,
  previous: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, unknown>>,
): string[] {
  const reasons: string[] = [];
  for (const key of unionKeys(previous, next)) {
    if (!(key in previous)) {
      reasons.push(`${noun} ${key} added`);
    } else if (!(key in next)) {
      reasons.push(`${noun} ${key} removed`);
    } else if (canonicalJson(previous[key]) !== canonicalJson(next[key])) {
      reasons.push(`${noun} ${key} changed`);
    }
  }
  return reasons;
}

function explainRuntime(previous: Runtime, next: Runtime): string[] {
  const reasons: string[] = [];
  for (const key of ['node', 'platform', 'arch', 'backend'] as const) {
    if (previous[key] !== next[key]) {
      reasons.push(`${key} ${previous[key]} -> ${next[key]}`);
    }
  }
  return reasons;
}

/** `{a: {b: 1}}` becomes `a.b -> 1`; leaves are shown as JSON. */
function flatten(
  value: Readonly<Record<string, unknown>>,
  prefix = '',
  into = new Map<string, string>(),
): Map<string, string> {
  for (const [key, child] of Object.entries(value)) {
    const path = `${prefix}${key}`;
    if (isPlainObject(child) && Object.keys(child).length > 0) {
      flatten(child, `${path}.`, into);
    } else {
      into.set(path, canonicalJson(child));
    }
  }
  return into;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unionKeys(
  a: Map<string, unknown> | Readonly<Record<string, unknown>>,
  b: Map<string, unknown> | Readonly<Record<string, unknown>>,
): string[] {
  const keysOf = (m: typeof a): string[] =>
    m instanceof Map ? [...m.keys()] : Object.keys(m);
  return [...new Set([...keysOf(a), ...keysOf(b)])].sort();
}
