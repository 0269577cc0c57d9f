import {parse} from 'yaml';
import type {Collector} from './collector.js';
import {didYouMean} from './did-you-mean.js';
import type {ParamSpec, ParamValue} from './pipeline-document.js';
import type {Span} from './diagnostic.js';

/** One `--set`: a top-level parameter or one stage's `with:` key. */
export type Override =
  | {
      readonly kind: 'param';
      readonly text: string;
      readonly name: string;
      readonly raw: string;
    }
  | {
      readonly kind: 'with';
      readonly text: string;
      readonly stage: string;
      readonly key: string;
      readonly raw: string;
    };

const PARAM = /^([A-Za-z_][\w-]*)=(.*)$/s;
const WITH = /^([A-Za-z_][\w-]*)\.with\.([A-Za-z_][\w-]*)=(.*)$/s;

/** Splits `--set` arguments; malformed ones are reported, not thrown. */
export function parseOverrides(
  texts: readonly string[],
  collector: Collector,
): Override[] {
  return texts.flatMap((text): Override[] => {
    const param = PARAM.exec(text);
    if (param?.[1] !== undefined && param[2] !== undefined) {
      return [{kind: 'param', text, name: param[1], raw: param[2]}];
    }
    const key = WITH.exec(text);
    if (
      key?.[1] !== undefined &&
      key[2] !== undefined &&
      key[3] !== undefined
    ) {
      return [{kind: 'with', text, stage: key[1], key: key[2], raw: key[3]}];
    }
    const message = `--set ${text}: expected NAME=VALUE for a parameter or STAGE.with.KEY=VALUE for a stage, e.g. --set epochs=2 or --set train.with.lr=0.01.`;
    collector.report([0, 0], 'bad-override', message);
    return [];
  });
}

/** A `--set` value read as YAML (`2` is a number, `[1, 2]` a list). */
export function parseOverrideValue(raw: string): unknown {
  try {
    return parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * Applies parameter overrides, typed by the value each parameter has in
 * the file: `--set epochs=2` stays a number, `--set tag=007` a string.
 */
export function applyParamOverrides(
  params: ReadonlyMap<string, ParamSpec>,
  overrides: readonly Override[],
  paramsSpan: Span,
  collector: Collector,
): Map<string, ParamValue> {
  const values = new Map([...params].map(([name, spec]) => [name, spec.value]));
  for (const override of overrides) {
    if (override.kind !== 'param') {
      continue;
    }
    const spec = params.get(override.name);
    if (spec === undefined) {
      const message = `--set ${override.text}: no parameter "${override.name}" in \`params:\`.${didYouMean(override.name, params.keys())}`;
      collector.report(paramsSpan, 'unknown-override', message);
      continue;
    }
    const value = typeLike(spec.value, override.raw);
    if (value === undefined) {
      const message = `--set ${override.text}: parameter "${spec.name}" is ${kindOf(spec.value)} (${JSON.stringify(spec.value)} in the file), and "${override.raw}" is not.`;
      collector.report(spec.keySpan, 'bad-override', message);
      continue;
    }
    values.set(override.name, value);
  }
  return values;
}

function typeLike(existing: ParamValue, raw: string): ParamValue | undefined {
  if (typeof existing === 'string') {
    return raw;
  }
  const parsed = parseOverrideValue(raw);
  if (Array.isArray(existing)) {
    return Array.isArray(parsed) && parsed.every(isScalar) ? parsed : undefined;
  }
  return typeof parsed === typeof existing ? (parsed as ParamValue) : undefined;
}

function isScalar(value: unknown): value is string | number | boolean {
  return ['string', 'number', 'boolean'].includes(typeof value);
}

function kindOf(value: ParamValue): string {
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
