import type {ErrorObject} from 'ajv';
import {isMap, isSeq} from 'yaml';
import type {Collector} from './collector.js';
import type {Span} from './diagnostic.js';
import {didYouMean} from './did-you-mean.js';
import type {StageSpec} from './pipeline-document.js';
import {keyName, spanOf} from './yaml-nodes.js';

/** What reporting one instance's schema errors needs to know. */
export interface WithErrorContext {
  readonly stage: StageSpec;
  /** The `--set` text that replaced a top-level `with:` key, by key. */
  readonly overridden: ReadonlyMap<string, string>;
  /** Pointers of values whose bad expression was reported already. */
  readonly invalid: ReadonlySet<string>;
  readonly collector: Collector;
}

/**
 * Turns ajv's errors for one instance's `with:` into diagnostics at the
 * offending YAML node (or at the stage, for values that came from --set).
 */
export function reportWithErrors(
  errors: readonly ErrorObject[],
  context: WithErrorContext,
): void {
  for (const error of relevant(errors)) {
    reportOne(error, context);
  }
}

function reportOne(error: ErrorObject, context: WithErrorContext): void {
  const {stage, overridden, invalid, collector} = context;
  const path = pathOf(error.instancePath);
  const override = overridden.get(path[0] ?? '');
  const {span, message} = describe(error, path, stage);
  if (override !== undefined) {
    const text = `--set ${override}: ${message}`;
    collector.report(stage.keySpan, 'bad-override', text);
  } else if (!invalid.has(error.instancePath)) {
    const missing = error.keyword === 'required';
    const reason = missing ? 'missing-with-value' : 'invalid-with-value';
    collector.report(span, reason, message);
  }
}

// Top-level unknown keys are reported before validation, with a
// did-you-mean; the failing branches of an `anyOf` only repeat its error.
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((error) => error.keyword === 'anyOf');
  return errors.filter(
    (error) =>
      !(
        error.keyword === 'additionalProperties' && error.instancePath === ''
      ) &&
      !unions.some(
        (union) =>
          union !== error &&
          error.instancePath === union.instancePath &&
          error.schemaPath.startsWith(union.schemaPath),
      ),
  );
}

function pathOf(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describe(
  error: ErrorObject,
  path: readonly string[],
  stage: StageSpec,
): {span: Span; message: string} {
  const where = ['with', ...path].join('.');
  const fallback = stage.withSpan ?? stage.keySpan;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    const missing = String(params.missingProperty);
    return {
      span:
        path.length === 0 ? fallback : spanOf(nodeAt(stage, path), fallback),
      message: `Missing required value \`${where}.${missing}\` in stage "${stage.name}".`,
    };
  }
  if (error.keyword === 'additionalProperties') {
    const key = String(params.additionalProperty);
    const allowed = Object.keys(
      (error.parentSchema?.properties ?? {}) as object,
    );
    return {
      span: spanOf(keyNodeAt(stage, [...path, key]), fallback),
      message: `Unknown key "${key}" in \`${where}\`.${didYouMean(key, allowed)}`,
    };
  }
  return {
    span: spanOf(nodeAt(stage, path), fallback),
    message: withPeriod(`\`${where}\` ${explain(error)}`),
  };
}

function explain(error: ErrorObject): string {
  const data: unknown = error.data;
  const got = describeValue(data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `must be ${String(params.type)}, not ${got}`;
    case 'enum':
      return oneOf(params.allowedValues as unknown[], data);
    case 'anyOf':
      return anyOf(error, data);
    default:
      return `${error.message ?? 'is invalid'} (got ${got})`;
  }
}

function anyOf(error: ErrorObject, data: unknown): string {
  const branches = (error.schema ?? []) as {const?: unknown}[];
  return branches.every((branch) => 'const' in branch)
    ? oneOf(
        branches.map((branch) => branch.const),
        data,
      )
    : `does not match any allowed form (got ${describeValue(data)})`;
}

function oneOf(allowed: readonly unknown[], data: unknown): string {
  const names = allowed.map((value) => JSON.stringify(value));
  const hint =
    typeof data === 'string' ? didYouMean(data, allowed.map(String)) : '';
  const message = `must be one of ${names.join(', ')}, not ${describeValue(data)}`;
  return hint === '' ? message : `${message}.${hint}`;
}

function withPeriod(message: string): string {
  return /[.?]$/.test(message) ? message : `${message}.`;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (value === null || value === undefined) {
    return 'nothing';
  }
  return typeof value === 'object'
    ? 'a mapping'
    : `${typeof value} ${JSON.stringify(value)}`;
}

function nodeAt(stage: StageSpec, path: readonly string[]): unknown {
  let node: unknown = stage.with;
  for (const segment of path) {
    const next = child(node, segment);
    if (next === undefined) {
      return node;
    }
    node = next.value;
  }
  return node;
}

function keyNodeAt(stage: StageSpec, path: readonly string[]): unknown {
  const parent = nodeAt(stage, path.slice(0, -1));
  return child(parent, path.at(-1) ?? '')?.key ?? parent;
}

function child(
  node: unknown,
  segment: string,
): {key: unknown; value: unknown} | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => keyName(item) === segment);
    return pair === undefined ? undefined : {key: pair.key, value: pair.value};
  }
  if (isSeq(node)) {
    const item: unknown = node.items[Number(segment)];
    return item === undefined ? undefined : {key: item, value: item};
  }
  return undefined;
}
