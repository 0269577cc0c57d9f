import type {FigureWriter} from '../../artifacts/figure.js';
import type {
  InputArtifact,
  StageContext,
} from '../../runner/stage-definition.js';
import {buildChartSpec, type ChartRequest} from './chart-spec.js';
import type {VisualizeParams} from './definition.js';
import {
  fieldsOf,
  filterRows,
  pivotRows,
  readMetricRows,
  readModelRows,
  type MetricRow,
} from './metric-rows.js';
import {renderChart} from './render-chart.js';

type ChartKind = ChartRequest['kind'];

/** The gathered inputs a chart reads. */
export interface ChartInputs {
  readonly metrics: readonly InputArtifact[];
  readonly models: readonly InputArtifact[];
}

/**
 * Draws one chart of the gathered metrics. `y` (and, for scatter, `x`)
 * may name a metric instead of a field: `y: accuracy` plots the value of
 * the metric `accuracy`.
 */
export async function drawChart(
  kind: ChartKind,
  params: VisualizeParams,
  inputs: ChartInputs,
  writer: FigureWriter,
  report: StageContext<unknown>['metric'],
): Promise<void> {
  if (inputs.metrics.length + inputs.models.length === 0) {
    throw new Error(
      `visualize kind "${kind}" needs the input \`metrics\` or \`models\``,
    );
  }
  const modelRows = await readModelRows(inputs.models);
  for (const row of modelRows) {
    report('trainable_params', Number(row.value), {
      labels: {model: String(row.producer)},
    });
  }
  const all = [...(await readMetricRows(inputs.metrics)), ...modelRows];
  const {rows, request} = shapeRows(kind, params, all);
  const chart = await renderChart(buildChartSpec(request, rows));
  await writer.add(params.name ?? kind, request.title, {
    svg: chart.svg,
    png: chart.png,
    'vl.json': chart.spec,
  });
}

function shapeRows(
  kind: ChartKind,
  params: VisualizeParams,
  all: readonly MetricRow[],
): {rows: MetricRow[]; request: ChartRequest} {
  const names = new Set(all.map((row) => String(row.metric)));
  const metrics = [params.x, params.y].filter(
    (field): field is string => field !== undefined && names.has(field),
  );
  const pivot = kind === 'scatter' && metrics.length > 0;
  let metric = params.metric;
  if (metric === undefined && metrics.length > 0 && !pivot) {
    metric = metrics;
  }
  const kept = filterRows(all, {
    metric: pivot ? undefined : metric,
    where: params.where,
    shown: [params.x, params.y, params.color],
  });
  const rows = pivot ? pivotRows(kept) : kept;
  const request = requestOf(
    kind,
    params,
    pivot ? params.y : metrics.length > 0 ? 'value' : params.y,
  );
  checkFields(request, rows, params);
  return {rows, request};
}

function requestOf(
  kind: ChartKind,
  params: VisualizeParams,
  y: string | undefined,
): ChartRequest {
  if (params.x === undefined) {
    throw new Error(
      `visualize kind "${kind}" needs \`x\`: a matrix value, a label or a metric`,
    );
  }
  const yField = y ?? 'value';
  return {
    kind,
    x: params.x,
    y: yField,
    yTitle: params.y ?? yField,
    color: params.color,
    title: params.title ?? `${params.y ?? 'value'} by ${params.x}`,
    xScale: params.x_scale ?? 'linear',
    band: params.band ?? 'stdev',
  };
}

function checkFields(
  request: ChartRequest,
  rows: readonly MetricRow[],
  params: VisualizeParams,
): void {
  if (rows.length === 0) {
    const filter = JSON.stringify({metric: params.metric, where: params.where});
    throw new Error(
      `visualize: no metric rows left after the filter ${filter}`,
    );
  }
  const fields = fieldsOf(rows);
  const wanted = [request.x, request.y, request.color];
  for (const field of wanted) {
    if (field !== undefined && !fields.includes(field)) {
      throw new Error(
        `visualize: no field "${field}" in the metrics; choose one of ${fields.join(', ')}`,
      );
    }
  }
}
