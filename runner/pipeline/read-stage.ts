import {isMap, isScalar, isSeq, type Pair, type YAMLMap} from 'yaml';
import type {Collector} from './collector.js';
import type {Span} from './diagnostic.js';
import {didYouMean} from './did-you-mean.js';
import {parseDuration} from './duration.js';
import type {
  AxisSpec,
  InputSpec,
  StageReference,
  StageSpec,
} from './pipeline-document.js';
import {readMatrix} from './read-matrix.js';
import {
  describeNode,
  isEmptyValue,
  keyName,
  plainValue,
  spanOf,
  uniquePairs,
} from './yaml-nodes.js';

const STAGE_KEYS = ['uses', 'with', 'inputs', 'matrix', 'timeout', 'retry'];
const STAGE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

interface MutableStage {
  name: string;
  keySpan: Span;
  uses?: {name: string; span: Span};
  with?: YAMLMap;
  withSpan?: Span;
  inputs: InputSpec[];
  matrix: AxisSpec[];
  timeoutMs?: number;
  retry: number;
}

/** Reads one entry of `stages:`; undefined when it is unusable. */
export function readStage(
  pair: Pair,
  stagesSpan: Span,
  collector: Collector,
): StageSpec | undefined {
  const name = keyName(pair) ?? '';
  const keySpan = spanOf(pair.key, stagesSpan);
  if (!STAGE_NAME.test(name)) {
    const message = `Stage name "${name}" must start with a letter and use only letters, digits, "-" and "_".`;
    collector.report(keySpan, 'invalid-value', message);
    return undefined;
  }
  if (!isMap(pair.value)) {
    const message = `Stage "${name}" must be a mapping with at least \`uses:\`, not ${describeNode(pair.value)}.`;
    collector.report(spanOf(pair.value, keySpan), 'invalid-value', message);
    return undefined;
  }
  const stage: MutableStage = {name, keySpan, inputs: [], matrix: [], retry: 0};
  for (const field of uniquePairs(pair.value)) {
    readField(field, stage, collector);
  }
  if (stage.uses === undefined && !hasKey(pair.value, 'uses')) {
    collector.report(
      keySpan,
      'missing-key',
      `Stage "${name}" has no \`uses:\`; name its stage type.`,
    );
  }
  return stage;
}

function hasKey(map: YAMLMap, key: string): boolean {
  return map.items.some((pair) => keyName(pair) === key);
}

/** One `key: value` of a stage, with what reading it needs. */
interface Field {
  readonly node: unknown;
  readonly keySpan: Span;
  readonly stage: MutableStage;
  readonly collector: Collector;
}

// Wrong kinds of value are reported at the value, or at the key when the
// value is missing.
function invalid(field: Field, message: string): void {
  const span = spanOf(field.node, field.keySpan);
  field.collector.report(span, 'invalid-value', message);
}

const READERS: Readonly<Record<string, (field: Field) => void>> = {
  uses: readUses,
  with: readWith,
  inputs: (field) => {
    field.stage.inputs = readInputs(field.node, field.keySpan, field.collector);
  },
  matrix: (field) => {
    field.stage.matrix = readMatrix(field.node, field.keySpan, field.collector);
  },
  timeout: readTimeout,
  retry: readRetry,
};

function readField(
  pair: Pair,
  stage: MutableStage,
  collector: Collector,
): void {
  const key = keyName(pair) ?? '';
  const keySpan = spanOf(pair.key, stage.keySpan);
  const reader = READERS[key];
  if (reader !== undefined) {
    reader({node: pair.value, keySpan, stage, collector});
    return;
  }
  const hint = didYouMean(key, STAGE_KEYS);
  const message = `Unknown key "${key}" in stage "${stage.name}".${hint} Allowed: ${STAGE_KEYS.join(', ')}.`;
  collector.report(keySpan, 'unknown-key', message);
}

function readUses(field: Field): void {
  const {node, keySpan, stage} = field;
  const value = isScalar(node) ? plainValue(node.value) : undefined;
  if (typeof value === 'string' && value !== '') {
    stage.uses = {name: value, span: spanOf(node, keySpan)};
  } else {
    invalid(
      field,
      `\`uses:\` must name a stage type, not ${describeNode(node)}.`,
    );
  }
}

function readWith(field: Field): void {
  const {node, keySpan, stage} = field;
  stage.withSpan = keySpan;
  if (isMap(node)) {
    stage.with = node;
  } else if (!isEmptyValue(node)) {
    invalid(
      field,
      `\`with:\` must be a mapping of parameter names to values, not ${describeNode(node)}.`,
    );
  }
}

function readTimeout(field: Field): void {
  const {node, stage} = field;
  const timeoutMs = parseDuration(isScalar(node) ? node.value : undefined);
  if (timeoutMs === undefined) {
    invalid(
      field,
      `\`timeout:\` must be a duration such as 90s, 5m or 1h (or seconds), not ${describeNode(node)}.`,
    );
  } else {
    stage.timeoutMs = timeoutMs;
  }
}

function readRetry(field: Field): void {
  const {node, stage} = field;
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    stage.retry = value;
  } else {
    invalid(
      field,
      `\`retry:\` must be a whole number of extra attempts (0 or more), not ${describeNode(node)}.`,
    );
  }
}

function readInputs(
  node: unknown,
  keySpan: Span,
  collector: Collector,
): InputSpec[] {
  if (isEmptyValue(node)) {
    return [];
  }
  if (!isMap(node)) {
    const message =
      '`inputs:` must map input ports to `stage.port` references.';
    collector.report(spanOf(node, keySpan), 'invalid-value', message);
    return [];
  }
  return uniquePairs(node).flatMap((pair) => {
    const port = keyName(pair) ?? '';
    const portSpan = spanOf(pair.key, keySpan);
    const list = isSeq(pair.value);
    const nodes = isSeq(pair.value) ? pair.value.items : [pair.value];
    const refs = nodes.flatMap((ref) =>
      readReference(ref, portSpan, collector),
    );
    // Kept even when a reference is malformed, so the port does not also
    // count as unbound.
    return [{port, keySpan: portSpan, refs, list}];
  });
}

function readReference(
  node: unknown,
  portSpan: Span,
  collector: Collector,
): StageReference[] {
  const value = isScalar(node) ? plainValue(node.value) : undefined;
  const span = spanOf(node, portSpan);
  const match =
    typeof value === 'string' ? /^([^.]+)\.([^.]+)$/.exec(value) : null;
  if (match?.[1] === undefined || match[2] === undefined) {
    const message = `An input must reference an output as \`stage.port\`, not ${describeNode(node)}.`;
    collector.report(span, 'bad-reference', message);
    return [];
  }
  return [{stage: match[1], port: match[2], span}];
}
