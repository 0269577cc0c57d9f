import type {TopLevelSpec} from 'vega-lite';
import type {MetricRow} from './metric-rows.js';

/** What a chart shows, after defaults: fields are row fields. */
export interface ChartRequest {
  readonly kind: 'line' | 'bar' | 'box' | 'scatter';
  readonly title: string;
  readonly x: string;
  readonly y: string;
  /** Axis title for y: the metric's name when y is a metric's value. */
  readonly yTitle: string;
  readonly color?: string;
  readonly xScale: 'linear' | 'log' | 'symlog';
  readonly band: 'stdev' | 'stderr' | 'iqr' | 'none';
}

type Encoding = Record<string, unknown>;

const CHART_SIZE = {width: 480, height: 300};

/** A Vega-Lite spec with the rows inlined, so the saved spec reproduces it. */
export function buildChartSpec(
  request: ChartRequest,
  rows: readonly MetricRow[],
): TopLevelSpec {
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: request.title,
    ...CHART_SIZE,
    data: {values: rows.map((row) => ({...row}))},
    config: {background: 'white', font: 'sans-serif'},
  };
  return {...base, ...chartBody(request, rows)} as TopLevelSpec;
}

function chartBody(request: ChartRequest, rows: readonly MetricRow[]) {
  switch (request.kind) {
    case 'line':
      return lineBody(request, rows);
    case 'bar':
      return barBody(request, rows);
    case 'box':
      return boxBody(request);
    case 'scatter':
      return scatterBody(request, rows);
  }
}

function lineBody(request: ChartRequest, rows: readonly MetricRow[]) {
  const x = axis(request.x, rows, request.xScale);
  const color = colorOf(request);
  const mean = {...quantitative(request.y, request.yTitle), aggregate: 'mean'};
  const line = {
    mark: {type: 'line', point: {size: 50}},
    encoding: {x, y: mean, ...color},
  };
  if (request.band === 'none') {
    return {layer: [line]};
  }
  const band = {
    mark: {type: 'errorband', extent: request.band, opacity: 0.25},
    encoding: {x, y: quantitative(request.y, request.yTitle), ...color},
  };
  return {layer: [band, line]};
}

function barBody(request: ChartRequest, rows: readonly MetricRow[]) {
  const y = {...quantitative(request.y, request.yTitle), aggregate: 'mean'};
  // Instance names such as `scratch_score[conv_layers=6]` need slanting.
  const long = rows.some((row) => String(row[request.x]).length > 12);
  const encoding: Encoding = {
    x: {
      field: escapeField(request.x),
      type: 'nominal',
      title: request.x,
      axis: {labelAngle: long ? -30 : 0, labelLimit: 240},
    },
    y,
    ...colorOf(request),
  };
  if (request.color !== undefined) {
    encoding.xOffset = {field: escapeField(request.color), type: 'nominal'};
  }
  const labels = {
    mark: {type: 'text', dy: -6, fontSize: 9},
    encoding: {...encoding, text: {...y, format: '.3f'}},
  };
  return {layer: [{mark: 'bar', encoding}, labels]};
}

function boxBody(request: ChartRequest) {
  return {
    mark: {type: 'boxplot', extent: 'min-max', size: 24},
    encoding: {
      x: {
        field: escapeField(request.x),
        type: 'ordinal',
        title: request.x,
        axis: {labelAngle: 0},
      },
      y: {...quantitative(request.y, request.yTitle), scale: {zero: false}},
      ...colorOf(request),
    },
  };
}

function scatterBody(request: ChartRequest, rows: readonly MetricRow[]) {
  const encoding = {
    x: axis(request.x, rows, request.xScale),
    y: {...quantitative(request.y, request.yTitle), scale: {zero: false}},
    ...colorOf(request),
    tooltip: [{field: 'producer', type: 'nominal'}],
  };
  return {
    layer: [
      {mark: {type: 'point', filled: true, size: 70}, encoding},
      {
        mark: {type: 'text', dx: 6, align: 'left', fontSize: 9},
        encoding: {...encoding, text: {field: 'producer', type: 'nominal'}},
      },
    ],
  };
}

function axis(
  field: string,
  rows: readonly MetricRow[],
  scale: ChartRequest['xScale'],
): Encoding {
  if (!rows.every((row) => typeof row[field] === 'number')) {
    return {field: escapeField(field), type: 'ordinal', title: field};
  }
  // Sweeps such as epsilon or variance span decades below 1 and start at
  // 0: a symlog scale needs a small linear region to spread them.
  const symlog =
    scale === 'symlog' ? {constant: smallestPositive(field, rows)} : {};
  return {
    field: escapeField(field),
    type: 'quantitative',
    title: field,
    scale: {type: scale, zero: false, ...symlog},
  };
}

function smallestPositive(field: string, rows: readonly MetricRow[]): number {
  const positive = rows
    .map((row) => row[field])
    .filter((value): value is number => typeof value === 'number' && value > 0);
  return positive.length === 0 ? 1 : Math.min(...positive);
}

function quantitative(field: string, title = field): Encoding {
  return {field: escapeField(field), type: 'quantitative', title};
}

function colorOf(request: ChartRequest): Encoding {
  if (request.color === undefined) {
    return {};
  }
  return {
    color: {
      field: escapeField(request.color),
      type: 'nominal',
      title: request.color,
    },
  };
}

/** Vega-Lite reads `.` and `[` in a field name as a path; keep them literal. */
export function escapeField(field: string): string {
  return field.replace(/[.[\]\\]/g, (character) => `\\${character}`);
}
