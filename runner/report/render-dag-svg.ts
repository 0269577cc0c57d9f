import type {InputInfo, StageInfo} from '../metrics/run-detail.js';
import {layoutDag, type DagLayout, type DagNode} from './dag-layout.js';
import {escapeHtml} from './escape-html.js';

const NODE_WIDTH = 190;
const NODE_HEIGHT = 34;
const GAP_X = 60;
const GAP_Y = 16;
const MARGIN = 10;
const MAX_LABEL = 26;

/**
 * The run's DAG as inline SVG (no Mermaid: the report works offline). Box
 * colours follow the state classes in the report's style sheet.
 */
export function renderDagSvg(
  stages: readonly StageInfo[],
  inputs: readonly InputInfo[],
): {svg: string; hidden: number} {
  const layout = layoutDag(stages, inputs);
  return {svg: drawLayout(layout), hidden: layout.hidden};
}

function drawLayout(layout: DagLayout): string {
  const byId = new Map(layout.nodes.map((node) => [node.id, node]));
  const width = layout.ranks * (NODE_WIDTH + GAP_X) - GAP_X + 2 * MARGIN;
  const height = layout.rows * (NODE_HEIGHT + GAP_Y) - GAP_Y + 2 * MARGIN;
  const edges = layout.edges.map(([from, to]) => {
    const a = byId.get(from);
    const b = byId.get(to);
    return a && b ? edgePath(a, b) : '';
  });
  return [
    `<svg class="dag" xmlns="http://www.w3.org/2000/svg" width="${width}" ` +
      `height="${height}" viewBox="0 0 ${width} ${height}" role="img" ` +
      `aria-label="Stage graph">`,
    '<defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" ' +
      'markerWidth="7" markerHeight="7" orient="auto">' +
      '<path d="M0,0 L8,4 L0,8 z" fill="#78828c"/></marker></defs>',
    ...edges,
    ...layout.nodes.map(nodeBox),
    '</svg>',
  ].join('\n');
}

function position(node: DagNode): {x: number; y: number} {
  return {
    x: MARGIN + node.rank * (NODE_WIDTH + GAP_X),
    y: MARGIN + node.row * (NODE_HEIGHT + GAP_Y),
  };
}

function edgePath(from: DagNode, to: DagNode): string {
  const a = position(from);
  const b = position(to);
  const x1 = a.x + NODE_WIDTH;
  const y1 = a.y + NODE_HEIGHT / 2;
  const x2 = b.x;
  const y2 = b.y + NODE_HEIGHT / 2;
  const bend = (x2 - x1) / 2;
  return (
    `<path class="edge" d="M${x1},${y1} C${x1 + bend},${y1} ` +
    `${x2 - bend},${y2} ${x2},${y2}" marker-end="url(#arrow)"/>`
  );
}

function nodeBox(node: DagNode): string {
  const {x, y} = position(node);
  const label =
    node.label.length > MAX_LABEL
      ? `${node.label.slice(0, MAX_LABEL - 1)}…`
      : node.label;
  return (
    `<g class="node ${escapeHtml(node.state)}">` +
    `<title>${escapeHtml(`${node.label}: ${node.state}`)}</title>` +
    `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6"/>` +
    `<text x="${x + NODE_WIDTH / 2}" y="${y + NODE_HEIGHT / 2 + 4}">` +
    `${escapeHtml(label)}</text></g>`
  );
}
