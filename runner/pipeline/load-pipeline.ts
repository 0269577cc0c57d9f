import {readFile} from 'node:fs/promises';
import {basename, dirname, extname, resolve} from 'node:path';
import {LineCounter} from 'yaml';
import {STAGES} from '../../stages/index.js';
import type {StageDefinition} from '../stage-definition.js';
import {fail, ok, type Result} from '../util/result.js';
import {Collector} from './collector.js';
import type {Diagnostic} from './diagnostic.js';
import {
  checkExpressions,
  expandStage,
  type ExpandedStage,
  type ExpansionContext,
  type WithOverride,
} from './expand-stage.js';
import {
  applyParamOverrides,
  parseOverrides,
  type Override,
} from './overrides.js';
import {parseSource, type ParsedSource} from './parse-source.js';
import type {Plan, PlannedInstance} from './plan.js';
import type {ParamValue} from './pipeline-document.js';
import {readDocument} from './read-document.js';
import {resolveGraph, type StageNode} from './stage-graph.js';
import {checkWithKeys} from './with-keys.js';
import {withOverrides} from './with-overrides.js';

/** What to load: the file, its `--set` overrides, the stage types. */
export interface LoadOptions {
  /** Path of the pipeline file, as the user typed it. */
  readonly file: string;
  /** `--set` arguments: `epochs=2`, `train.with.lr=0.01`. */
  readonly overrides: readonly string[];
  /** Stage types to resolve `uses:` against; the registry by default. */
  readonly stages?: readonly StageDefinition[];
}

/**
 * Reads, validates and expands a pipeline file. Every problem is collected
 * in one pass and returned as diagnostics; nothing is run or written.
 */
export async function loadPipeline(
  options: LoadOptions,
): Promise<Result<Plan, Diagnostic[]>> {
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    return fail([unreadable(options.file, error)]);
  }
  return loadPipelineText(options, text);
}

/** `loadPipeline` for text already in memory (editors, tests, benches). */
export function loadPipelineText(
  options: LoadOptions,
  text: string,
): Result<Plan, Diagnostic[]> {
  const source = parseSource(options.file, text);
  // A syntax error garbles the structure around it; checking that
  // structure would only report guesses, so syntax errors come alone.
  if (source.diagnostics.some((item) => item.reason === 'yaml-syntax')) {
    return fail(sortByPosition(source.diagnostics));
  }
  const collector = new Collector(source.file);
  collector.diagnostics.push(...source.diagnostics);
  const analysis = analyze(source, options, collector);
  if (collector.count > 0) {
    return fail(sortByPosition(collector.diagnostics));
  }
  return ok(toPlan(analysis, options.file));
}

/** Everything learnt about a file on the way to its plan. */
interface Analysis {
  readonly name: string;
  readonly params: ReadonlyMap<string, ParamValue>;
  readonly overrides: Record<string, unknown>;
  readonly instances: readonly PlannedInstance[];
}

function analyze(
  source: ParsedSource,
  options: LoadOptions,
  collector: Collector,
): Analysis {
  const fallbackName = basename(options.file, extname(options.file));
  const document = readDocument(source.document, fallbackName, collector);
  const overrides = parseOverrides(options.overrides, collector);
  const params = applyParamOverrides(
    document.params,
    overrides,
    document.paramsSpan,
    collector,
  );
  const definitions = new Map(
    (options.stages ?? STAGES).map((stage) => [stage.name, stage]),
  );
  const graph = resolveGraph(document, definitions, collector);
  const nodes = new Map(graph.map((node) => [node.spec.name, node]));
  const definitionOf = (name: string) => nodes.get(name)?.definition;
  const perStage = withOverrides(overrides, document, definitionOf, collector);
  const context = {params, document: source.document, collector};
  return {
    name: document.name,
    params,
    overrides: overrideRecord(overrides, params, perStage),
    instances: expandAll(graph, perStage, context),
  };
}

// Stages come upstream first, so each finds its producers expanded.
function expandAll(
  graph: readonly StageNode[],
  perStage: ReadonlyMap<string, readonly WithOverride[]>,
  base: Omit<ExpansionContext, 'expanded'>,
): PlannedInstance[] {
  const expanded = new Map<StageNode, ExpandedStage>();
  const context = {...base, expanded};
  for (const node of graph) {
    if (node.definition === undefined) {
      continue;
    }
    checkWithKeys(node.spec, node.definition, base.collector);
    if (node.broken) {
      checkExpressions(node, context);
      continue;
    }
    const overrides = perStage.get(node.spec.name) ?? [];
    const stage = expandStage(node, node.definition, overrides, context);
    expanded.set(node, stage);
  }
  return [...expanded.values()].flatMap((stage) => stage.instances);
}

function toPlan(analysis: Analysis, file: string): Plan {
  return {
    pipeline: analysis.name,
    file: basename(file),
    root: dirname(resolve(file)),
    params: Object.fromEntries(analysis.params),
    overrides: analysis.overrides,
    instances: analysis.instances,
  };
}

// The run record keeps each `--set` with the type the schema gave it.
function overrideRecord(
  overrides: readonly Override[],
  params: ReadonlyMap<string, unknown>,
  perStage: ReadonlyMap<string, readonly WithOverride[]>,
): Record<string, unknown> {
  return Object.fromEntries(
    overrides.map((override) =>
      override.kind === 'param'
        ? [override.name, params.get(override.name)]
        : [
            `${override.stage}.with.${override.key}`,
            perStage
              .get(override.stage)
              ?.find((item) => item.text === override.text)?.value,
          ],
    ),
  );
}

function sortByPosition(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.offset - b.offset);
}

function unreadable(file: string, error: unknown): Diagnostic {
  const code = (error as {code?: unknown}).code;
  const message =
    code === 'ENOENT'
      ? 'No such file; check the path of the pipeline file.'
      : `Cannot read the file (${String(code ?? error)}).`;
  return {
    reason: 'file-not-found',
    message,
    file: {path: file, text: '', lines: new LineCounter()},
    offset: 0,
    length: 0,
  };
}
