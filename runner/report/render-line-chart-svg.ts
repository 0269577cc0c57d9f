import {formatNumber} from '../util/format-number.js';
import {escapeHtml} from './escape-html.js';

/** One line of a chart: a stage's metric, or one label value of it. */
export interface Series {
  readonly label: string;
  /** [step, value] pairs, in step order. */
  readonly points: readonly (readonly [number, number])[];
}

const WIDTH = 340;
const PLOT = {left: 48, right: 12, top: 10, bottom: 26, height: 150};
const LEGEND_LINE = 15;
const MAX_LEGEND = 8;
const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
];

/**
 * A small line chart of per-step metric values, one line per series, with
 * min/max ticks and a legend: enough to see a training curve's shape.
 */
export function renderLineChartSvg(series: readonly Series[]): string {
  const points = series.flatMap((s) => s.points);
  const xs = extent(points.map(([step]) => step));
  const ys = extent(points.map(([, value]) => value));
  const legendRows = Math.min(series.length, MAX_LEGEND + 1);
  const height =
    PLOT.top + PLOT.height + PLOT.bottom + legendRows * LEGEND_LINE;
  const scale = scaler(xs, ys);
  return [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" ` +
      `height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    axes(xs, ys),
    ...series.map((s, index) => line(s, index, scale)),
    ...legend(series),
    '</svg>',
  ].join('\n');
}

function extent(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  if (low !== high) return [low, high];
  // A flat line (a fixed learning rate) gets a band its own size.
  const pad = Math.abs(low) * 0.1 || 0.5;
  return [low - pad, high + pad];
}

type Scale = (step: number, value: number) => [number, number];

function scaler(xs: [number, number], ys: [number, number]): Scale {
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  return (step, value) => [
    PLOT.left + ((step - xs[0]) / (xs[1] - xs[0])) * plotWidth,
    PLOT.top + (1 - (value - ys[0]) / (ys[1] - ys[0])) * PLOT.height,
  ];
}

function axes(xs: [number, number], ys: [number, number]): string {
  const bottom = PLOT.top + PLOT.height;
  const right = WIDTH - PLOT.right;
  const label = (x: number, y: number, anchor: string, value: number) =>
    `<text x="${x}" y="${y}" text-anchor="${anchor}">` +
    `${escapeHtml(formatNumber(value))}</text>`;
  return [
    `<path class="axis" d="M${PLOT.left},${PLOT.top} V${bottom} H${right}"/>`,
    label(PLOT.left - 4, PLOT.top + 8, 'end', ys[1]),
    label(PLOT.left - 4, bottom, 'end', ys[0]),
    label(PLOT.left, bottom + 14, 'start', xs[0]),
    label(right, bottom + 14, 'end', xs[1]),
    `<text x="${(PLOT.left + right) / 2}" y="${bottom + 14}" ` +
      'text-anchor="middle">step</text>',
  ].join('\n');
}

function color(index: number): string {
  return COLORS[index % COLORS.length] ?? '#000';
}

function line(series: Series, index: number, scale: Scale): string {
  const coords = series.points
    .filter(([step, value]) => Number.isFinite(step) && Number.isFinite(value))
    .map(([step, value]) =>
      scale(step, value)
        .map((n) => n.toFixed(1))
        .join(','),
    );
  const dots = coords.map((xy) => {
    const [x, y] = xy.split(',');
    return `<circle cx="${x}" cy="${y}" r="2" fill="${color(index)}"/>`;
  });
  return (
    `<polyline fill="none" stroke="${color(index)}" stroke-width="1.6" ` +
    `points="${coords.join(' ')}"><title>${escapeHtml(series.label)}</title>` +
    `</polyline>${dots.join('')}`
  );
}

function legend(series: readonly Series[]): string[] {
  const top = PLOT.top + PLOT.height + PLOT.bottom;
  const shown = series.slice(0, MAX_LEGEND).map((s, index) => {
    const y = top + index * LEGEND_LINE + 10;
    return (
      `<rect x="${PLOT.left}" y="${y - 8}" width="10" height="3" ` +
      `fill="${color(index)}"/><text x="${PLOT.left + 16}" y="${y}">` +
      `${escapeHtml(s.label)}</text>`
    );
  });
  if (series.length > MAX_LEGEND) {
    const y = top + MAX_LEGEND * LEGEND_LINE + 10;
    const more = series.length - MAX_LEGEND;
    shown.push(`<text x="${PLOT.left}" y="${y}">+${more} more</text>`);
  }
  return shown;
}
