import {isMap, isScalar, isSeq} from 'yaml';
import type {Collector} from './collector.js';
import type {Span} from './diagnostic.js';
import type {AxisSpec, AxisValue} from './pipeline-document.js';
import {
  describeNode,
  keyName,
  plainValue,
  scalarOf,
  spanOf,
  uniquePairs,
} from './yaml-nodes.js';

/**
 * Reads `matrix:`: each axis is a non-empty list of distinct scalars, or a
 * `${{ params.x }}` that names a list parameter.
 */
export function readMatrix(
  node: unknown,
  keySpan: Span,
  collector: Collector,
): AxisSpec[] {
  if (!isMap(node) || node.items.length === 0) {
    const message =
      'A `matrix:` must map each axis name to a non-empty list of values.';
    collector.report(
      spanOf(node, keySpan),
      isMap(node) ? 'empty-matrix' : 'invalid-value',
      message,
    );
    return [];
  }
  return uniquePairs(node).flatMap((pair) => {
    const name = keyName(pair) ?? '';
    const axisSpan = spanOf(pair.key, keySpan);
    const values = readAxisValues(pair.value, name, axisSpan, collector);
    return values === undefined ? [] : [{name, keySpan: axisSpan, values}];
  });
}

function readAxisValues(
  node: unknown,
  name: string,
  axisSpan: Span,
  collector: Collector,
): AxisSpec['values'] | undefined {
  const span = spanOf(node, axisSpan);
  const text = isScalar(node) ? plainValue(node.value) : undefined;
  if (typeof text === 'string' && text.includes('${{')) {
    return {expression: text, span};
  }
  if (!isSeq(node)) {
    const message = `Matrix axis "${name}" must be a list of values, not ${describeNode(node)}.`;
    collector.report(span, 'invalid-value', message);
    return undefined;
  }
  if (node.items.length === 0) {
    const message = `Matrix axis "${name}" is empty, so the stage would never run; list at least one value.`;
    collector.report(span, 'empty-matrix', message);
    return undefined;
  }
  return readAxisItems(node.items, name, span, collector);
}

function readAxisItems(
  items: readonly unknown[],
  name: string,
  span: Span,
  collector: Collector,
): AxisValue[] | undefined {
  const values: AxisValue[] = [];
  const seen = new Set<unknown>();
  for (const item of items) {
    const value = scalarOf(item);
    const itemSpan = spanOf(item, span);
    if (value === undefined || seen.has(value)) {
      collector.report(
        itemSpan,
        'invalid-value',
        value === undefined
          ? `Matrix axis "${name}" values must be strings, numbers or booleans, not ${describeNode(item)}.`
          : `Matrix axis "${name}" lists ${JSON.stringify(value)} twice.`,
      );
      return undefined;
    }
    seen.add(value);
    values.push({value, span: itemSpan});
  }
  return values;
}
