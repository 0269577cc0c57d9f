import type {Plan} from './plan.js';

/** One artifact flow between two instances. */
export interface DagEdge {
  readonly from: string;
  readonly to: string;
  /** The consuming instance's input port. */
  readonly port: string;
}

/** Every edge of the plan, in instance order then port order. */
export function dagEdges(plan: Plan): DagEdge[] {
  return plan.instances.flatMap((instance) =>
    Object.entries(instance.inputs).flatMap(([port, bindings]) =>
      bindings.map((binding) => ({
        from: binding.instance,
        to: instance.id,
        port,
      })),
    ),
  );
}

/** The plan as plain text: instances upstream first, then `a -> b (port)`. */
export function renderDagText(plan: Plan): string {
  const edges = dagEdges(plan);
  return [
    `${plan.pipeline}: ${plan.instances.length} instances, ${edges.length} edges`,
    ...plan.instances.map(
      (instance) => `  ${instance.id} (${instance.type}, ${instance.lane})`,
    ),
    ...(edges.length > 0
      ? [
          '',
          ...edges.map((edge) => `  ${edge.from} -> ${edge.to} (${edge.port})`),
        ]
      : []),
  ].join('\n');
}

/** A Mermaid `graph TD` that GitHub and most Markdown viewers draw. */
export function renderDagMermaid(plan: Plan): string {
  const ids = new Map(
    plan.instances.map((instance, index) => [instance.id, `n${index}`]),
  );
  const node = (id: string): string => ids.get(id) ?? id;
  return [
    'graph TD',
    ...plan.instances.map(
      (instance) => `  ${node(instance.id)}["${escapeLabel(instance.id)}"]`,
    ),
    ...dagEdges(plan).map(
      (edge) =>
        `  ${node(edge.from)} -->|${escapeLabel(edge.port)}| ${node(edge.to)}`,
    ),
  ].join('\n');
}

// Mermaid labels end at a double quote or a pipe; its entity codes keep
// them literal.
function escapeLabel(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/\|/g, '#124;');
}
