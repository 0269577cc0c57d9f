import type {Scalar} from '../stage-definition.js';
import type {Collector} from './collector.js';
import {didYouMean} from './did-you-mean.js';
import type {AxisSpec, ParamValue} from './pipeline-document.js';
import type {StageNode} from './stage-graph.js';

/** One matrix dimension of a stage, own or inherited. */
export interface Axis {
  readonly name: string;
  readonly values: readonly Scalar[];
  /** The stage that declares it. */
  readonly origin: string;
}

/**
 * A stage's matrix: the axes it inherits through single-artifact inputs
 * (in input order), then its own axes in the order written.
 */
export function stageAxes(
  node: StageNode,
  upstreamAxes: (stage: StageNode) => readonly Axis[],
  params: ReadonlyMap<string, ParamValue>,
  collector: Collector,
): Axis[] {
  const axes = new Map<string, Axis>();
  for (const edge of node.edges) {
    if (edge.port.many === true) {
      continue;
    }
    for (const axis of upstreamAxes(edge.producer)) {
      const known = axes.get(axis.name);
      if (known === undefined) {
        axes.set(axis.name, axis);
      } else if (!sameValues(known.values, axis.values)) {
        const message = `Matrix axis "${axis.name}" has different values in "${known.origin}" and "${axis.origin}", so their instances cannot be paired.`;
        collector.report(edge.ref.span, 'matrix-conflict', message);
      }
    }
  }
  for (const spec of node.spec.matrix) {
    addOwnAxis(axes, spec, node.spec.name, params, collector);
  }
  return [...axes.values()];
}

function addOwnAxis(
  axes: Map<string, Axis>,
  spec: AxisSpec,
  stage: string,
  params: ReadonlyMap<string, ParamValue>,
  collector: Collector,
): void {
  const inherited = axes.get(spec.name);
  if (inherited !== undefined) {
    const message = `Matrix axis "${spec.name}" is already inherited from stage "${inherited.origin}"; give this axis another name.`;
    collector.report(spec.keySpan, 'matrix-conflict', message);
    return;
  }
  const values = axisValues(spec, params, collector);
  if (values !== undefined) {
    axes.set(spec.name, {name: spec.name, values, origin: stage});
  }
}

const WHOLE_PARAM = /^\$\{\{\s*params\.([A-Za-z_][\w-]*)\s*\}\}$/;

function axisValues(
  spec: AxisSpec,
  params: ReadonlyMap<string, ParamValue>,
  collector: Collector,
): readonly Scalar[] | undefined {
  if (!('expression' in spec.values)) {
    return spec.values.map((item) => item.value);
  }
  const {expression, span} = spec.values;
  const name = WHOLE_PARAM.exec(expression)?.[1];
  const value = name === undefined ? undefined : params.get(name);
  const list = isList(value) ? value : undefined;
  if (list !== undefined && list.length > 0) {
    return list;
  }
  collector.report(
    span,
    list ? 'empty-matrix' : 'bad-expression',
    list
      ? `Matrix axis "${spec.name}" takes its values from params.${name ?? ''}, which is empty; list at least one value.`
      : `Matrix axis "${spec.name}" must be a list or \`\${{ params.NAME }}\` naming a list parameter.${
          name === undefined
            ? ''
            : didYouMean(
                name,
                [...params.keys()].filter((key) =>
                  Array.isArray(params.get(key)),
                ),
              )
        }`,
  );
  return undefined;
}

function isList(value: ParamValue | undefined): value is readonly Scalar[] {
  return Array.isArray(value);
}

function sameValues(a: readonly Scalar[], b: readonly Scalar[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Every combination of axis values, first axis outermost. */
export function combinations(axes: readonly Axis[]): Record<string, Scalar>[] {
  let result: Record<string, Scalar>[] = [{}];
  for (const axis of axes) {
    result = result.flatMap((partial) =>
      axis.values.map((value) => ({...partial, [axis.name]: value})),
    );
  }
  return result;
}

/** `train` or `train[fraction=0.5,layers=2]`. */
export function instanceId(
  stage: string,
  axes: readonly Axis[],
  matrix: Readonly<Record<string, Scalar>>,
): string {
  if (axes.length === 0) {
    return stage;
  }
  const labels = axes.map(
    (axis) => `${axis.name}=${String(matrix[axis.name])}`,
  );
  return `${stage}[${labels.join(',')}]`;
}

/** A lookup key for a matrix restricted to some axes. */
export function projectionKey(
  names: readonly string[],
  matrix: Readonly<Record<string, Scalar>>,
): string {
  // The type tag keeps 1 and "1" apart; NUL cannot occur in YAML text.
  let key = '';
  for (const name of names) {
    const value = matrix[name];
    key += `${typeof value}:${String(value)}\u0000`;
  }
  return key;
}
