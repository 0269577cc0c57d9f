import {isAlias, isMap, isScalar, isSeq, type Document} from 'yaml';
import type {Scalar} from '../stage-definition.js';
import type {Collector} from './collector.js';
import type {Span} from './diagnostic.js';
import {didYouMean} from './did-you-mean.js';
import {
  parseTemplate,
  type ExpressionRef,
  type TemplateParts,
} from './expression.js';
import type {ParamValue} from './pipeline-document.js';
import {keyName, plainValue, spanOf, uniquePairs} from './yaml-nodes.js';

/**
 * A `with:` value with its expressions parsed and checked once per stage,
 * so that each matrix instance only substitutes.
 */
export type ValueTemplate =
  | {readonly kind: 'literal'; readonly value: unknown}
  | {readonly kind: 'reference'; readonly ref: ExpressionRef}
  | {readonly kind: 'interpolation'; readonly parts: TemplateParts}
  | {readonly kind: 'list'; readonly items: readonly ValueTemplate[]}
  | {
      readonly kind: 'map';
      readonly entries: readonly (readonly [string, ValueTemplate])[];
    };

/** What expressions may name in one stage. */
export interface TemplateScope {
  readonly params: ReadonlyMap<string, ParamValue>;
  /**
   * Axis names of the stage's matrix, own and inherited; undefined when an
   * upstream problem hides them, so `matrix.*` names go unchecked.
   */
  readonly axes: ReadonlySet<string> | undefined;
  readonly document: Document.Parsed;
  readonly collector: Collector;
  /**
   * Receives the JSON pointer (`/epochs`) of each value whose expression
   * was reported, so schema errors about that value are not reported too.
   */
  readonly invalid?: Set<string>;
}

/** Builds the template of a parsed YAML value, reporting bad expressions. */
export function buildTemplate(
  node: unknown,
  scope: TemplateScope,
  pointer = '',
): ValueTemplate {
  if (isAlias(node)) {
    return buildTemplate(node.resolve(scope.document), scope, pointer);
  }
  if (isMap(node)) {
    const entries = uniquePairs(node).map((pair) => {
      const key = keyName(pair) ?? '';
      const at = `${pointer}/${escapePointer(key)}`;
      return [key, buildTemplate(pair.value, scope, at)] as const;
    });
    return {kind: 'map', entries};
  }
  if (isSeq(node)) {
    const items = node.items.map((item, index) =>
      buildTemplate(item, scope, `${pointer}/${index}`),
    );
    return {kind: 'list', items};
  }
  return buildScalar(node, scope, pointer);
}

function buildScalar(
  node: unknown,
  scope: TemplateScope,
  pointer: string,
): ValueTemplate {
  const value = isScalar(node) ? plainValue(node.value) : null;
  if (typeof value !== 'string' || !value.includes('${{')) {
    return {kind: 'literal', value};
  }
  const template = buildString(value, spanOf(node, [0, 0]), scope);
  if (template.kind === 'literal') {
    scope.invalid?.add(pointer);
  }
  return template;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function buildString(
  value: string,
  span: Span,
  scope: TemplateScope,
): ValueTemplate {
  const parsed = parseTemplate(value);
  const source = sourceMap(scope.collector.file.text, span, value);
  if ('message' in parsed) {
    scope.collector.report(
      source(parsed.start, parsed.length),
      'bad-expression',
      parsed.message,
    );
    return {kind: 'literal', value};
  }
  let valid = true;
  for (const part of parsed) {
    if (typeof part !== 'string') {
      const problem = checkReference(part, parsed.length > 1, scope);
      if (problem !== undefined) {
        valid = false;
        scope.collector.report(
          source(part.start, part.length),
          'bad-expression',
          problem,
        );
      }
    }
  }
  const [only] = parsed;
  if (!valid) {
    return {kind: 'literal', value};
  }
  return parsed.length === 1 && only !== undefined && typeof only !== 'string'
    ? {kind: 'reference', ref: only}
    : {kind: 'interpolation', parts: parsed};
}

function checkReference(
  ref: ExpressionRef,
  interpolated: boolean,
  scope: TemplateScope,
): string | undefined {
  const known = ref.root === 'params' ? scope.params.keys() : scope.axes;
  if (known === undefined) {
    return undefined;
  }
  const names = [...known];
  if (!names.includes(ref.name)) {
    const where = ref.root === 'params' ? '`params:`' : "this stage's matrix";
    return `Unknown ${ref.root === 'params' ? 'parameter' : 'matrix axis'} "${ref.name}" in expression; it is not in ${where}.${didYouMean(ref.name, names)}`;
  }
  const param = ref.root === 'params' ? scope.params.get(ref.name) : undefined;
  if (interpolated && Array.isArray(param)) {
    return `Parameter "${ref.name}" is a list and cannot be inserted into a string; use it as the whole value.`;
  }
  return undefined;
}

// Positions inside a value are mapped back to the file by finding the same
// `${{` in the node's source text (quotes and indentation shift them).
function sourceMap(
  text: string,
  span: Span,
  value: string,
): (start: number, length: number) => Span {
  const starts: number[] = [];
  const source = text.slice(span[0], span[1]);
  for (
    let at = source.indexOf('${{');
    at !== -1;
    at = source.indexOf('${{', at + 3)
  ) {
    starts.push(span[0] + at);
  }
  return (start, length) => {
    const ordinal = value.slice(0, start).split('${{').length - 1;
    const occurrence = starts[ordinal];
    return occurrence === undefined
      ? span
      : [occurrence, Math.min(occurrence + length, span[1])];
  };
}

/** Values a template is instantiated with. */
export interface Bindings {
  readonly params: ReadonlyMap<string, ParamValue>;
  readonly matrix: Readonly<Record<string, Scalar>>;
}

/** A fresh value (safe to mutate) with every expression substituted. */
export function instantiate(
  template: ValueTemplate,
  bindings: Bindings,
): unknown {
  switch (template.kind) {
    case 'literal':
      return typeof template.value === 'object' && template.value !== null
        ? structuredClone(template.value)
        : template.value;
    case 'reference':
      return structuredClone(lookup(template.ref, bindings));
    case 'interpolation':
      return template.parts
        .map((part) =>
          typeof part === 'string' ? part : String(lookup(part, bindings)),
        )
        .join('');
    case 'list':
      return template.items.map((item) => instantiate(item, bindings));
    case 'map':
      return Object.fromEntries(
        template.entries.map(([key, value]) => [
          key,
          instantiate(value, bindings),
        ]),
      );
  }
}

function lookup(ref: ExpressionRef, bindings: Bindings): unknown {
  return ref.root === 'params'
    ? bindings.params.get(ref.name)
    : bindings.matrix[ref.name];
}
