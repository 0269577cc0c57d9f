import type {Document} from 'yaml';
import type {InputBinding, PlannedInstance} from './plan.js';
import type {
  InputPort,
  OutputPort,
  Scalar,
  StageDefinition,
} from '../stage-definition.js';
import type {Collector} from './collector.js';
import {checkEdge} from './check-edge.js';
import {
  combinations,
  instanceId,
  projectionKey,
  stageAxes,
  type Axis,
} from './matrix-axes.js';
import {validateParams} from './params-validator.js';
import type {ParamValue} from './pipeline-document.js';
import type {Edge, StageNode} from './stage-graph.js';
import {
  buildTemplate,
  instantiate,
  type ValueTemplate,
} from './value-template.js';
import {reportWithErrors} from './with-errors.js';

/** A stage after matrix expansion. */
export interface ExpandedStage {
  readonly axes: readonly Axis[];
  readonly instances: readonly PlannedInstance[];
  /** Instances by `projectionKey` over all of the stage's axes. */
  readonly byMatrix: ReadonlyMap<string, PlannedInstance>;
}

/** A `--set STAGE.with.KEY=VALUE`, already typed. */
export interface WithOverride {
  readonly key: string;
  readonly value: unknown;
  readonly text: string;
}

/** Shared by every stage of one load; `expanded` grows stage by stage. */
export interface ExpansionContext {
  readonly params: ReadonlyMap<string, ParamValue>;
  readonly document: Document.Parsed;
  readonly collector: Collector;
  readonly expanded: ReadonlyMap<StageNode, ExpandedStage>;
}

/**
 * Expands one stage (its upstream already expanded) into instances, each
 * with substituted, defaulted, validated params and bound inputs.
 */
export function expandStage(
  node: StageNode,
  definition: StageDefinition,
  overrides: readonly WithOverride[],
  context: ExpansionContext,
): ExpandedStage {
  const {collector, params} = context;
  const axes = stageAxes(
    node,
    (stage) => context.expanded.get(stage)?.axes ?? [],
    params,
    collector,
  );
  const invalid = new Set<string>();
  const template = buildTemplate(node.spec.with ?? null, {
    invalid,
    params,
    axes: new Set(axes.map((axis) => axis.name)),
    document: context.document,
    collector,
  });
  const edges = node.edges.filter((edge) => checkEdge(edge, context));
  const names = axes.map((axis) => axis.name);
  const byMatrix = new Map<string, PlannedInstance>();
  const instances = combinations(axes).map((matrix) => {
    const instance = plan(
      node,
      definition,
      {axes, matrix, template, invalid, overrides, edges},
      context,
    );
    byMatrix.set(projectionKey(names, matrix), instance);
    return instance;
  });
  return {axes, instances, byMatrix};
}

/**
 * For a stage that cannot be expanded (an upstream problem), still reports
 * its bad expressions; `matrix.*` names go unchecked as its axes are unknown.
 */
export function checkExpressions(
  node: StageNode,
  context: ExpansionContext,
): void {
  buildTemplate(node.spec.with ?? null, {
    params: context.params,
    axes: undefined,
    document: context.document,
    collector: context.collector,
  });
}

interface InstanceRecipe {
  readonly axes: readonly Axis[];
  readonly matrix: Readonly<Record<string, Scalar>>;
  readonly template: ValueTemplate;
  readonly invalid: ReadonlySet<string>;
  readonly overrides: readonly WithOverride[];
  readonly edges: readonly Edge[];
}

function plan(
  node: StageNode,
  definition: StageDefinition,
  recipe: InstanceRecipe,
  context: ExpansionContext,
): PlannedInstance {
  const {spec} = node;
  const params = resolveParams(node, definition, recipe, context);
  const valid = params !== undefined;
  const values = params ?? {};
  return {
    id: instanceId(spec.name, recipe.axes, recipe.matrix),
    stage: spec.name,
    type: definition.name,
    matrix: recipe.matrix,
    params: values,
    inputs: bindInputs(recipe.edges, recipe.matrix, context),
    inputPorts: inputPorts(definition, recipe.edges, context),
    outputPorts: outputPorts(definition, valid ? values : undefined),
    lane:
      valid && definition.laneFor
        ? definition.laneFor(values)
        : definition.lane,
    externalPaths:
      valid && definition.externalPaths
        ? [...definition.externalPaths(values)].sort()
        : [],
    ...(spec.timeoutMs === undefined ? {} : {timeoutMs: spec.timeoutMs}),
    retry: spec.retry,
  };
}

/** Declared ports, plus those an `openInputs` stage was bound to. */
function inputPorts(
  definition: StageDefinition,
  edges: readonly Edge[],
  context: ExpansionContext,
): Record<string, InputPort> {
  const ports: Record<string, InputPort> = {...definition.inputs};
  for (const edge of edges.filter((e) => e.open === true)) {
    const producer = context.expanded.get(edge.producer)?.instances[0];
    const type = producer?.outputPorts[edge.ref.port]?.type ?? edge.port.type;
    ports[edge.input.port] = {...edge.port, type};
  }
  return ports;
}

function resolveParams(
  node: StageNode,
  definition: StageDefinition,
  recipe: InstanceRecipe,
  context: ExpansionContext,
): Record<string, unknown> | undefined {
  const substituted = instantiate(recipe.template, {
    params: context.params,
    matrix: recipe.matrix,
  });
  const params = isRecord(substituted) ? substituted : {};
  for (const override of recipe.overrides) {
    params[override.key] = structuredClone(override.value);
  }
  const errors = validateParams(definition, params);
  if (errors.length === 0) {
    return params;
  }
  const overridden = new Map(
    recipe.overrides.map((item) => [item.key, item.text]),
  );
  reportWithErrors(errors, {
    stage: node.spec,
    overridden,
    invalid: recipe.invalid,
    collector: context.collector,
  });
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Output ports; params-dependent ones only once params are valid. */
export function outputPorts(
  definition: StageDefinition,
  params: Record<string, unknown> | undefined,
): Record<string, OutputPort> {
  const extra =
    params && definition.outputsFor ? definition.outputsFor(params) : {};
  return {...definition.outputs, ...extra};
}

function bindInputs(
  edges: readonly Edge[],
  matrix: Readonly<Record<string, Scalar>>,
  context: ExpansionContext,
): Record<string, InputBinding[]> {
  const inputs: Record<string, InputBinding[]> = {};
  for (const edge of edges) {
    const bindings = (inputs[edge.input.port] ??= []);
    bindings.push(...bindEdge(edge, matrix, context));
  }
  return inputs;
}

function bindEdge(
  edge: Edge,
  matrix: Readonly<Record<string, Scalar>>,
  context: ExpansionContext,
): InputBinding[] {
  const producer = context.expanded.get(edge.producer);
  if (producer === undefined) {
    return [];
  }
  const port = edge.ref.port;
  if (edge.port.many !== true) {
    const names = producer.axes.map((axis) => axis.name);
    const upstream = producer.byMatrix.get(projectionKey(names, matrix));
    return upstream === undefined ? [] : [{instance: upstream.id, port}];
  }
  // A gathering port takes every upstream instance that agrees with this
  // instance on the axes they share (all of them when none are shared).
  const shared = producer.axes
    .map((axis) => axis.name)
    .filter((name) => name in matrix);
  const groups = groupsOf(producer, shared);
  return (groups.get(projectionKey(shared, matrix)) ?? []).map((instance) => ({
    instance: instance.id,
    port,
  }));
}

// Upstream instances grouped by their values on some axes, built once per
// stage and axis set so that gathering stays linear in the instances.
const GROUPS = new WeakMap<
  ExpandedStage,
  Map<string, Map<string, PlannedInstance[]>>
>();

function groupsOf(
  stage: ExpandedStage,
  names: readonly string[],
): Map<string, PlannedInstance[]> {
  const byNames =
    GROUPS.get(stage) ?? new Map<string, Map<string, PlannedInstance[]>>();
  GROUPS.set(stage, byNames);
  const cacheKey = names.join('\u0000');
  let groups = byNames.get(cacheKey);
  if (groups === undefined) {
    groups = new Map();
    for (const instance of stage.instances) {
      const key = projectionKey(names, instance.matrix);
      const group = groups.get(key);
      if (group === undefined) {
        groups.set(key, [instance]);
      } else {
        group.push(instance);
      }
    }
    byNames.set(cacheKey, groups);
  }
  return groups;
}
