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
    collector.report(
      keySpan,
      'invalid-value',
      `Stage name "${name}" must start with a letter and use only letters, digits, "-" and "_".`,
    );
    return undefined;
  }
  if (!isMap(pair.value)) {
    collector.report(
      spanOf(pair.value, keySpan),
      'invalid-value',
      `Stage "${name}" must be a mapping with at least \`uses:\`, not ${describeNode(pair.value)}.`,
    );
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

function readField(
  pair: Pair,
  stage: MutableStage,
  collector: Collector,
): void {
  const key = keyName(pair) ?? '';
  const keySpan = spanOf(pair.key, stage.keySpan);
  const node = pair.value;
  switch (key) {
    case 'uses':
      readUses(node, keySpan, stage, collector);
      return;
    case 'with':
      readWith(node, keySpan, stage, collector);
      return;
    case 'inputs':
      stage.inputs = readInputs(node, keySpan, collector);
      return;
    case 'matrix':
      stage.matrix = readMatrix(node, keySpan, collector);
      return;
    case 'timeout':
      readTimeout(node, keySpan, stage, collector);
      return;
    case 'retry':
      readRetry(node, keySpan, stage, collector);
      return;
    default:
      collector.report(
        keySpan,
        'unknown-key',
        `Unknown key "${key}" in stage "${stage.name}".${didYouMean(key, STAGE_KEYS)} Allowed: ${STAGE_KEYS.join(', ')}.`,
      );
  }
}

function readUses(
  node: unknown,
  keySpan: Span,
  stage: MutableStage,
  collector: Collector,
): void {
  const value = isScalar(node) ? plainValue(node.value) : undefined;
  if (typeof value === 'string' && value !== '') {
    stage.uses = {name: value, span: spanOf(node, keySpan)};
    return;
  }
  collector.report(
    spanOf(node, keySpan),
    'invalid-value',
    `\`uses:\` must name a stage type, not ${describeNode(node)}.`,
  );
}

function readWith(
  node: unknown,
  keySpan: Span,
  stage: MutableStage,
  collector: Collector,
): void {
  stage.withSpan = keySpan;
  if (isMap(node)) {
    stage.with = node;
  } else if (node !== null && !(isScalar(node) && node.value === null)) {
    collector.report(
      spanOf(node, keySpan),
      'invalid-value',
      `\`with:\` must be a mapping of parameter names to values, not ${describeNode(node)}.`,
    );
  }
}

function readInputs(
  node: unknown,
  keySpan: Span,
  collector: Collector,
): InputSpec[] {
  if (!isMap(node)) {
    collector.report(
      spanOf(node, keySpan),
      'invalid-value',
      '`inputs:` must map input ports to `stage.port` references.',
    );
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
    collector.report(
      span,
      'bad-reference',
      `An input must reference an output as \`stage.port\`, not ${describeNode(node)}.`,
    );
    return [];
  }
  return [{stage: match[1], port: match[2], span}];
}

function readTimeout(
  node: unknown,
  keySpan: Span,
  stage: MutableStage,
  collector: Collector,
): void {
  const timeoutMs = parseDuration(isScalar(node) ? node.value : undefined);
  if (timeoutMs === undefined) {
    collector.report(
      spanOf(node, keySpan),
      'invalid-value',
      `\`timeout:\` must be a duration such as 90s, 5m or 1h (or seconds), not ${describeNode(node)}.`,
    );
    return;
  }
  stage.timeoutMs = timeoutMs;
}

function readRetry(
  node: unknown,
  keySpan: Span,
  stage: MutableStage,
  collector: Collector,
): void {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    stage.retry = value;
    return;
  }
  collector.report(
    spanOf(node, keySpan),
    'invalid-value',
    `\`retry:\` must be a whole number of extra attempts (0 or more), not ${describeNode(node)}.`,
  );
}
