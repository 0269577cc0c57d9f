import type {InputPort, StageDefinition} from '../stage-definition.js';
import type {Collector} from './collector.js';
import {didYouMean} from './did-you-mean.js';
import type {
  InputSpec,
  PipelineDocument,
  StageReference,
  StageSpec,
} from './pipeline-document.js';

/** One `inputs:` reference from a consuming stage to a producing stage. */
export interface Edge {
  readonly input: InputSpec;
  readonly port: InputPort;
  readonly ref: StageReference;
  readonly producer: StageNode;
  /** Bound to a port of an `openInputs` stage: it takes any type. */
  readonly open?: boolean;
}

/** A stage with its resolved type and its incoming edges. */
export interface StageNode {
  readonly spec: StageSpec;
  readonly definition: StageDefinition | undefined;
  readonly edges: Edge[];
  /**
   * Set when this stage or one upstream has a problem; later checks skip
   * it so that one mistake is not reported again as its consequences.
   */
  broken: boolean;
}

/**
 * Resolves stage types and `inputs:` references, reports cycles, and
 * orders stages upstream first (file order among independent stages).
 */
export function resolveGraph(
  document: PipelineDocument,
  definitions: ReadonlyMap<string, StageDefinition>,
  collector: Collector,
): StageNode[] {
  const nodes = new Map<string, StageNode>();
  for (const spec of document.stages.values()) {
    const definition = findDefinition(spec, definitions, collector);
    nodes.set(spec.name, {spec, definition, edges: [], broken: !definition});
  }
  for (const node of nodes.values()) {
    linkInputs(node, nodes, collector);
  }
  const order = topologicalOrder(nodes, collector);
  for (const node of order) {
    node.broken ||= node.edges.some((edge) => edge.producer.broken);
  }
  return order;
}

function findDefinition(
  spec: StageSpec,
  definitions: ReadonlyMap<string, StageDefinition>,
  collector: Collector,
): StageDefinition | undefined {
  if (spec.uses === undefined) {
    return undefined;
  }
  const definition = definitions.get(spec.uses.name);
  if (definition === undefined) {
    const known = [...definitions.keys()].sort();
    const message = `Unknown stage type "${spec.uses.name}".${didYouMean(spec.uses.name, known)} Known types: ${known.join(', ') || '(none)'}.`;
    collector.report(spec.uses.span, 'unknown-stage-type', message);
  }
  return definition;
}

function linkInputs(
  node: StageNode,
  nodes: ReadonlyMap<string, StageNode>,
  collector: Collector,
): void {
  const {spec, definition} = node;
  if (definition === undefined) {
    return;
  }
  for (const input of spec.inputs) {
    const open =
      definition.openInputs === true && !(input.port in definition.inputs);
    const port = open ? openPort(input) : definition.inputs[input.port];
    if (port === undefined) {
      reportUnknownInput(node, input, collector);
      continue;
    }
    if (input.list && port.many !== true) {
      node.broken = true;
      const message = `Input "${input.port}" of stage "${spec.name}" takes one artifact; only an input that accepts many takes a list.`;
      collector.report(input.keySpan, 'invalid-value', message);
      continue;
    }
    for (const ref of input.refs) {
      linkReference(node, {input, port, open}, ref, nodes, collector);
    }
  }
  // A misspelt port is reported once, not again as a missing one.
  const known = (input: InputSpec): boolean =>
    definition.openInputs === true || input.port in definition.inputs;
  if (spec.inputs.every(known)) {
    reportUnboundInputs(node, collector);
  }
}

function reportUnknownInput(
  node: StageNode,
  input: InputSpec,
  collector: Collector,
): void {
  const ports = Object.keys(node.definition?.inputs ?? {});
  node.broken = true;
  const message = `Stage type "${node.spec.uses?.name ?? ''}" has no input "${input.port}".${didYouMean(input.port, ports)} Its inputs: ${ports.join(', ') || '(none)'}.`;
  collector.report(input.keySpan, 'unknown-input-port', message);
}

// A port of an `openInputs` stage: its type is the producer's, checked
// nowhere; a list of references gathers.
function openPort(input: InputSpec): InputPort {
  return {type: 'files', many: input.list};
}

function linkReference(
  node: StageNode,
  bound: Pick<Edge, 'input' | 'port' | 'open'>,
  ref: StageReference,
  nodes: ReadonlyMap<string, StageNode>,
  collector: Collector,
): void {
  const producer = nodes.get(ref.stage);
  if (producer === undefined) {
    node.broken = true;
    const message = `No stage "${ref.stage}" in this pipeline.${didYouMean(ref.stage, nodes.keys())}`;
    collector.report(ref.span, 'unknown-stage', message);
    return;
  }
  node.edges.push({...bound, ref, producer});
}

function reportUnboundInputs(node: StageNode, collector: Collector): void {
  const bound = new Set(node.spec.inputs.map((input) => input.port));
  const ports = Object.entries(node.definition?.inputs ?? {});
  for (const [name, port] of ports) {
    if (port.optional !== true && !bound.has(name)) {
      const message = `Stage "${node.spec.name}" needs input "${name}" (${port.type}); add \`inputs: {${name}: STAGE.PORT}\`.`;
      collector.report(node.spec.keySpan, 'missing-input', message);
    }
  }
}

function topologicalOrder(
  nodes: ReadonlyMap<string, StageNode>,
  collector: Collector,
): StageNode[] {
  const order: StageNode[] = [];
  const state = new Map<StageNode, 'visiting' | 'done'>();
  const path: StageNode[] = [];
  const visit = (node: StageNode): void => {
    state.set(node, 'visiting');
    path.push(node);
    for (const edge of node.edges) {
      const seen = state.get(edge.producer);
      if (seen === 'visiting') {
        reportCycle(path, edge, collector);
      } else if (seen === undefined) {
        visit(edge.producer);
      }
    }
    path.pop();
    state.set(node, 'done');
    order.push(node);
  };
  for (const node of nodes.values()) {
    if (!state.has(node)) {
      visit(node);
    }
  }
  return order;
}

// `path` runs from a consumer up to its producers; the edge closes the loop
// back to an earlier entry. The message follows the data: producer first.
function reportCycle(
  path: readonly StageNode[],
  edge: Edge,
  collector: Collector,
): void {
  const loop = path.slice(path.indexOf(edge.producer));
  for (const member of loop) {
    member.broken = true;
  }
  const names = [edge.producer, ...loop.slice(1).reverse(), edge.producer];
  const message = `Cycle: ${names.map((node) => node.spec.name).join(' -> ')}; a stage cannot depend on its own output.`;
  collector.report(edge.ref.span, 'cycle', message);
}
