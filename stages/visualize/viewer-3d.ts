/** Points of a 3-D embedding, ready for the viewer. */
export interface ViewerData {
  readonly title: string;
  /** `count x 3` coordinates. */
  readonly points: Float64Array;
  readonly categories: readonly string[];
}

// Tableau 10: the same colours Vega-Lite uses for nominal data.
const PALETTE = [
  '#4c78a8',
  '#f58518',
  '#e45756',
  '#72b7b2',
  '#54a24b',
  '#eeca3b',
  '#b279a2',
  '#ff9da6',
  '#9d755d',
  '#bab0ac',
];

/**
 * A self-contained HTML page (no network) showing a 3-D point cloud on a
 * canvas: drag to rotate, wheel to zoom, with a legend. Points are drawn
 * back to front so nearer ones cover farther ones.
 */
export function renderViewer(data: ViewerData): string {
  const names = [...new Set(data.categories)].sort();
  const payload = {
    title: data.title,
    names,
    colours: names.map((_, i) => PALETTE[i % PALETTE.length]),
    points: Array.from(
      normalise(data.points),
      (v) => Math.round(v * 1e4) / 1e4,
    ),
    category: data.categories.map((name) => names.indexOf(name)),
  };
  const json = JSON.stringify(payload).replace(/</g, '\\u003c');
  return PAGE.replaceAll('__TITLE__', escapeHtml(data.title)).replace(
    '__DATA__',
    json,
  );
}

/** Scales coordinates into [-1, 1] around their centre. */
function normalise(points: Float64Array): Float64Array {
  const out = new Float64Array(points.length);
  const centre = [0, 1, 2].map((d) => mean(points, d));
  let radius = 1e-9;
  for (let i = 0; i < points.length; i++) {
    out[i] = (points[i] ?? 0) - (centre[i % 3] ?? 0);
    radius = Math.max(radius, Math.abs(out[i] ?? 0));
  }
  return out.map((v) => v / radius);
}

function mean(points: Float64Array, dim: number): number {
  let sum = 0;
  for (let i = dim; i < points.length; i += 3) {
    sum += points[i] ?? 0;
  }
  return sum / (points.length / 3);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>__TITLE__</title>
<style>
body{margin:0;font:13px sans-serif;background:#fff;color:#222}
#wrap{display:flex;gap:12px;padding:8px}
canvas{border:1px solid #ccc;cursor:grab;touch-action:none}
#legend div{margin:2px 0}#legend span{display:inline-block;width:10px;
height:10px;margin-right:6px;border-radius:50%}
</style></head><body>
<h3 style="margin:8px">__TITLE__</h3>
<div id="wrap"><canvas id="view" width="560" height="560"></canvas>
<div><div id="legend"></div><p>Drag to rotate, wheel to zoom.</p></div></div>
<script>
const data = __DATA__;
const canvas = document.getElementById('view');
const context = canvas.getContext('2d');
const count = data.category.length;
let yaw = 0.6, pitch = 0.4, zoom = 1, dragging = null;
const depth = new Float64Array(count), sx = new Float64Array(count),
  sy = new Float64Array(count), order = new Int32Array(count);
function draw() {
  const cy = Math.cos(yaw), syw = Math.sin(yaw),
    cp = Math.cos(pitch), sp = Math.sin(pitch);
  const half = canvas.width / 2, scale = half * 0.8 * zoom;
  for (let i = 0; i < count; i++) {
    const x = data.points[3 * i], y = data.points[3 * i + 1],
      z = data.points[3 * i + 2];
    const x1 = cy * x + syw * z, z1 = -syw * x + cy * z;
    const y2 = cp * y - sp * z1, z2 = sp * y + cp * z1;
    const perspective = 3 / (3 + z2);
    sx[i] = half + x1 * scale * perspective;
    sy[i] = half - y2 * scale * perspective;
    depth[i] = z2;
    order[i] = i;
  }
  order.sort((a, b) => depth[b] - depth[a]);
  context.globalAlpha = 1;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.globalAlpha = 0.8;
  for (const i of order) {
    context.fillStyle = data.colours[data.category[i]];
    context.beginPath();
    context.arc(sx[i], sy[i], 2.5, 0, 2 * Math.PI);
    context.fill();
  }
}
canvas.addEventListener('pointerdown', (e) => {
  dragging = {x: e.clientX, y: e.clientY};
  canvas.setPointerCapture(e.pointerId);
});
canvas.addEventListener('pointermove', (e) => {
  if (!dragging) return;
  yaw += (e.clientX - dragging.x) * 0.01;
  pitch += (e.clientY - dragging.y) * 0.01;
  dragging = {x: e.clientX, y: e.clientY};
  draw();
});
canvas.addEventListener('pointerup', () => { dragging = null; });
canvas.addEventListener('wheel', (e) => {
  e.preventDefault();
  zoom *= Math.exp(-e.deltaY * 0.001);
  draw();
}, {passive: false});
const legend = document.getElementById('legend');
data.names.forEach((name, i) => {
  const row = document.createElement('div');
  const dot = document.createElement('span');
  dot.style.background = data.colours[i];
  row.append(dot, document.createTextNode(name));
  legend.append(row);
});
draw();
</script></body></html>
`;
