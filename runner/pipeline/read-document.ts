import {isMap, isScalar, isSeq, type Document, type Pair} from 'yaml';
import type {Scalar} from '../stage-definition.js';
import type {Collector} from './collector.js';
import type {Span} from './diagnostic.js';
import {closestName, didYouMean} from './did-you-mean.js';
import type {
  ParamSpec,
  ParamValue,
  PipelineDocument,
  StageSpec,
} from './pipeline-document.js';
import {readStage} from './read-stage.js';
import {
  describeNode,
  keyName,
  plainValue,
  scalarOf,
  spanOf,
  uniquePairs,
} from './yaml-nodes.js';

const TOP_LEVEL_KEYS = ['pipeline', 'params', 'stages'];
const FILE_START: Span = [0, 0];

/**
 * Reads the parsed YAML into a PipelineDocument, reporting every shape
 * problem (unknown keys, wrong kinds of value) instead of stopping.
 */
export function readDocument(
  document: Document.Parsed,
  fallbackName: string,
  collector: Collector,
): PipelineDocument {
  const result: MutableDocument = {
    name: fallbackName,
    params: new Map(),
    paramsSpan: FILE_START,
    stages: new Map(),
    stagesSpan: FILE_START,
  };
  const root = document.contents;
  if (!isMap(root)) {
    reportNotAMapping(root, collector);
    return result;
  }
  for (const pair of uniquePairs(root)) {
    readTopLevel(pair, result, collector);
  }
  // A misspelt `stages:` was already reported with a suggestion.
  const spelt = (pair: Pair): boolean =>
    closestName(keyName(pair) ?? '', ['stages']) !== undefined;
  if (!root.items.some(spelt)) {
    const message = 'Missing `stages:`; a pipeline needs at least one stage.';
    collector.report(FILE_START, 'missing-key', message);
  }
  return result;
}

function reportNotAMapping(root: unknown, collector: Collector): void {
  // An empty file parses to null; a syntax error was reported already.
  if (root === null && collector.count > 0) {
    return;
  }
  const span = spanOf(root, FILE_START);
  const reason = span === FILE_START ? 'missing-key' : 'invalid-value';
  const message =
    'A pipeline file must be a mapping with `pipeline:`, `params:` and `stages:`.';
  collector.report(span, reason, message);
}

interface MutableDocument {
  name: string;
  params: Map<string, ParamSpec>;
  paramsSpan: Span;
  stages: Map<string, StageSpec>;
  stagesSpan: Span;
}

function readTopLevel(
  pair: Pair,
  result: MutableDocument,
  collector: Collector,
): void {
  const key = keyName(pair);
  const keySpan = spanOf(pair.key, FILE_START);
  if (key === 'pipeline') {
    readName(pair.value, keySpan, result, collector);
  } else if (key === 'params') {
    result.paramsSpan = keySpan;
    readParams(pair.value, keySpan, result.params, collector);
  } else if (key === 'stages') {
    result.stagesSpan = keySpan;
    readStages(pair.value, keySpan, result.stages, collector);
  } else {
    const message = `Unknown top-level key "${key ?? '?'}".${didYouMean(key ?? '', TOP_LEVEL_KEYS)} Allowed: ${TOP_LEVEL_KEYS.join(', ')}.`;
    collector.report(keySpan, 'unknown-key', message);
  }
}

function readName(
  node: unknown,
  keySpan: Span,
  result: MutableDocument,
  collector: Collector,
): void {
  const value = isScalar(node) ? plainValue(node.value) : undefined;
  if (typeof value === 'string' && value !== '') {
    result.name = value;
    return;
  }
  const message = `\`pipeline:\` must be a name (a string), not ${describeNode(node)}.`;
  collector.report(spanOf(node, keySpan), 'invalid-value', message);
}

function readParams(
  node: unknown,
  keySpan: Span,
  params: Map<string, ParamSpec>,
  collector: Collector,
): void {
  if (!isMap(node)) {
    if (node !== null) {
      const message = `\`params:\` must be a mapping of names to values, not ${describeNode(node)}.`;
      collector.report(spanOf(node, keySpan), 'invalid-value', message);
    }
    return;
  }
  for (const pair of uniquePairs(node)) {
    const name = keyName(pair) ?? '';
    const span = spanOf(pair.key, keySpan);
    const value = readParamValue(pair.value, span, name, collector);
    if (value !== undefined) {
      params.set(name, {name, value, keySpan: span});
    }
  }
}

function readParamValue(
  node: unknown,
  keySpan: Span,
  name: string,
  collector: Collector,
): ParamValue | undefined {
  const scalar = scalarOf(node);
  if (scalar !== undefined) {
    return expressionFree(scalar, node, keySpan, collector);
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => scalarOf(item));
    if (items.every((item) => item !== undefined)) {
      return items;
    }
  }
  const message = `Parameter "${name}" must be a string, number, boolean or a list of them, not ${describeNode(node)}.`;
  collector.report(spanOf(node, keySpan), 'invalid-value', message);
  return undefined;
}

function expressionFree(
  value: Scalar,
  node: unknown,
  keySpan: Span,
  collector: Collector,
): Scalar | undefined {
  if (typeof value === 'string' && value.includes('${{')) {
    const message =
      'Expressions are not allowed in `params:`; give a literal value.';
    collector.report(spanOf(node, keySpan), 'bad-expression', message);
    return undefined;
  }
  return value;
}

function readStages(
  node: unknown,
  keySpan: Span,
  stages: Map<string, StageSpec>,
  collector: Collector,
): void {
  if (!isMap(node) || node.items.length === 0) {
    const message =
      '`stages:` must map stage names to stages, e.g. `train: {uses: train}`.';
    collector.report(spanOf(node, keySpan), 'invalid-value', message);
    return;
  }
  for (const pair of uniquePairs(node)) {
    const stage = readStage(pair, keySpan, collector);
    if (stage !== undefined) {
      stages.set(stage.name, stage);
    }
  }
}
