import type {InputInfo, StageInfo} from '../metrics/run-detail.js';

/** A box in the drawn DAG: one instance, or a collapsed matrix stage. */
export interface DagNode {
  readonly id: string;
  readonly label: string;
  /** succeeded, cached, failed, cancelled or skipped. */
  readonly state: string;
  readonly rank: number;
  readonly row: number;
}

/** Boxes on a grid of columns (rank) and rows, with their edges. */
export interface DagLayout {
  readonly nodes: readonly DagNode[];
  readonly edges: readonly (readonly [from: string, to: string])[];
  readonly ranks: number;
  readonly rows: number;
  /** Boxes left out because their column was full. */
  readonly hidden: number;
}

// Past this many instances, matrix instances are drawn as one box per
// stage so that the picture stays readable.
const MAX_INSTANCES = 60;
// Columns stop at this many boxes; the rest are counted, not drawn.
const MAX_ROWS = 40;

/**
 * Places a run's stages in columns by longest path from the sources, each
 * column ordered to follow its producers. Edges come from `stage_inputs`.
 */
export function layoutDag(
  stages: readonly StageInfo[],
  inputs: readonly InputInfo[],
): DagLayout {
  const collapse = stages.length > MAX_INSTANCES;
  const group = (name: string) => (collapse ? stageKey(name) : name);
  const states = groupStates(stages, group);
  const edges = uniqueEdges(inputs, group, states);
  const ranks = rankNodes([...states.keys()], edges);
  const rows = orderRows(ranks, edges);
  const all = [...states].map(([id, {state, count}]) => ({
    id,
    label: count > 1 ? `${id} ×${count}` : id,
    state,
    rank: ranks.get(id) ?? 0,
    row: rows.get(id) ?? 0,
  }));
  const nodes = all.filter((node) => node.row < MAX_ROWS);
  const drawn = new Set(nodes.map((node) => node.id));
  return {
    nodes,
    edges: edges.filter(([from, to]) => drawn.has(from) && drawn.has(to)),
    hidden: all.length - nodes.length,
    ranks: Math.max(0, ...nodes.map((n) => n.rank)) + 1,
    rows: Math.max(0, ...nodes.map((n) => n.row)) + 1,
  };
}

/** `train[fraction=0.5]` -> `train`. */
function stageKey(instance: string): string {
  const bracket = instance.indexOf('[');
  return bracket === -1 ? instance : instance.slice(0, bracket);
}

/** What a box or badge shows: `cached` for a stage restored from cache. */
export function stageState(stage: Pick<StageInfo, 'status' | 'cached'>) {
  return stage.status === 'succeeded' && stage.cached ? 'cached' : stage.status;
}

// When instances collapse, the worst state shows.
const SEVERITY = ['cached', 'succeeded', 'skipped', 'cancelled', 'failed'];

function groupStates(
  stages: readonly StageInfo[],
  group: (name: string) => string,
): Map<string, {state: string; count: number}> {
  const states = new Map<string, {state: string; count: number}>();
  for (const stage of stages) {
    const id = group(stage.stage);
    const state = stageState(stage);
    const seen = states.get(id);
    const worse =
      seen === undefined ||
      SEVERITY.indexOf(state) > SEVERITY.indexOf(seen.state);
    states.set(id, {
      state: worse ? state : seen.state,
      count: (seen?.count ?? 0) + 1,
    });
  }
  return states;
}

function uniqueEdges(
  inputs: readonly InputInfo[],
  group: (name: string) => string,
  nodes: ReadonlyMap<string, unknown>,
): [string, string][] {
  const seen = new Set<string>();
  const edges: [string, string][] = [];
  for (const input of inputs) {
    const edge: [string, string] = [group(input.producer), group(input.stage)];
    const key = JSON.stringify(edge);
    if (edge[0] === edge[1] || seen.has(key)) continue;
    if (!nodes.has(edge[0]) || !nodes.has(edge[1])) continue;
    seen.add(key);
    edges.push(edge);
  }
  return edges;
}

/** Longest path from a source; a cycle (never recorded) stops the walk. */
function rankNodes(
  ids: readonly string[],
  edges: readonly (readonly [string, string])[],
): Map<string, number> {
  const ranks = new Map(ids.map((id) => [id, 0]));
  for (let pass = 0; pass < ids.length; pass++) {
    let changed = false;
    for (const [from, to] of edges) {
      const rank = (ranks.get(from) ?? 0) + 1;
      if (rank > (ranks.get(to) ?? 0)) {
        ranks.set(to, rank);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return ranks;
}

/** Rows within each column, ordered by the mean row of the producers. */
function orderRows(
  ranks: ReadonlyMap<string, number>,
  edges: readonly (readonly [string, string])[],
): Map<string, number> {
  const rows = new Map<string, number>();
  const columns = Math.max(0, ...ranks.values()) + 1;
  for (let rank = 0; rank < columns; rank++) {
    const ids = [...ranks].filter(([, r]) => r === rank).map(([id]) => id);
    const weight = (id: string) => meanProducerRow(id, edges, rows);
    ids.sort((a, b) => weight(a) - weight(b) || a.localeCompare(b));
    ids.forEach((id, row) => rows.set(id, row));
  }
  return rows;
}

function meanProducerRow(
  id: string,
  edges: readonly (readonly [string, string])[],
  rows: ReadonlyMap<string, number>,
): number {
  const producers = edges
    .filter(([, to]) => to === id)
    .map(([from]) => rows.get(from) ?? 0);
  if (producers.length === 0) return 0;
  return producers.reduce((sum, row) => sum + row, 0) / producers.length;
}
