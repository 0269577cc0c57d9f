import {compareRuns} from '../metrics/compare-runs.js';
import type {MetricInfo, RunDetail, StageInfo} from '../metrics/run-detail.js';
import {formatDuration} from '../util/format-duration.js';
import {stageState} from './dag-layout.js';
import {escapeHtml} from './escape-html.js';
import {htmlTable, type HtmlCell} from './html-table.js';
import type {LoadedFigure} from './load-figures.js';
import {renderDagSvg} from './render-dag-svg.js';
import {renderLineChartSvg, type Series} from './render-line-chart-svg.js';
import {REPORT_STYLE} from './report-style.js';
import {flatten, metricLabel} from '../metrics/compare-runs.js';

export interface ReportInput {
  readonly detail: RunDetail;
  readonly figures: readonly LoadedFigure[];
  /** The run to compare with (`--against`), if any. */
  readonly against: RunDetail | null;
}

/**
 * The whole report as one HTML document: styles, the DAG, charts and
 * figures are all inline, so the file opens anywhere without a network.
 */
export function buildReport(input: ReportInput): string {
  const {run} = input.detail;
  const sections = [
    parametersSection(input.detail),
    dagSection(input.detail),
    stagesSection(input.detail),
    metricsSection(input.detail),
    curvesSection(input.detail),
    figuresSection(input.figures),
    input.against && comparisonSection(input.detail, input.against),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${run.pipeline} · ${run.runId}`)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
${headerHtml(input.detail)}
<main>
${sections.filter((s): s is string => typeof s === 'string').join('\n')}
</main>
</body>
</html>
`;
}

function section(title: string, body: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

function badge(state: string): string {
  const safe = escapeHtml(state);
  return `<span class="badge ${safe}">${safe}</span>`;
}

function headerHtml({run}: RunDetail): string {
  const facts = [
    `run ${run.runId}`,
    `started ${run.startedAt} UTC`,
    run.durationMs === null ? 'not finished' : formatDuration(run.durationMs),
    run.file,
    run.gitRev && `git ${run.gitRev}`,
    run.host && `host ${run.host}`,
    run.backend && `backend ${run.backend}`,
  ].filter((fact): fact is string => typeof fact === 'string');
  return (
    `<header><h1>${escapeHtml(run.pipeline)} ${badge(run.status)}</h1>` +
    `<div class="meta">${facts.map(escapeHtml).join(' · ')}</div></header>`
  );
}

function parametersSection(detail: RunDetail): string {
  const overrides = flatten('', detail.run.overrides);
  const overridesHtml =
    overrides.length === 0
      ? '<p class="note">No overrides: the file\'s own parameters.</p>'
      : htmlTable(['parameter', 'value'], overrides);
  const params = detail.stages.flatMap((stage) =>
    flatten('', stage.params).map(([key, value]) => [stage.stage, key, value]),
  );
  return section(
    'Parameters',
    `<h3>Overrides (--set)</h3>${overridesHtml}` +
      `<h3>Stage parameters</h3><div class="scroll">` +
      `${htmlTable(['stage', 'parameter', 'value'], params)}</div>`,
  );
}

function dagSection({stages, inputs}: RunDetail): string {
  const {svg, hidden} = renderDagSvg(stages, inputs);
  const notes = [
    inputs.length === 0 && stages.length > 1
      ? 'No edges were recorded for this run.'
      : '',
    hidden > 0 ? `${hidden} more boxes are not drawn (full columns).` : '',
  ].filter((note) => note !== '');
  const noteHtml = notes.map((n) => `<p class="note">${n}</p>`).join('');
  return section('Stage graph', `${noteHtml}<div class="scroll">${svg}</div>`);
}

/** Parses DuckDB's `YYYY-MM-DD HH:MM:SS.fff` (UTC) text. */
function parseTimestamp(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

function stagesSection({run, stages}: RunDetail): string {
  const start = parseTimestamp(run.startedAt);
  const end = Math.max(
    start + (run.durationMs ?? 0),
    ...stages.map((s) => parseTimestamp(s.startedAt) + s.durationMs),
  );
  const span = Math.max(1, end - start);
  const rows = stages.map((stage): HtmlCell[] => [
    stage.stage,
    stage.type,
    {html: badge(stageState(stage))},
    stage.cached ? 'yes' : 'no',
    formatDuration(stage.durationMs),
    {html: timelineBar(stage, start, span)},
    stage.error,
  ]);
  const cached = stages.filter((s) => s.cached).length;
  return section(
    'Stages',
    `<p class="note">${stages.length} stages, ${cached} restored from ` +
      `cache.</p><div class="scroll">` +
      htmlTable(
        ['stage', 'type', 'status', 'cached', 'duration', 'timeline', 'error'],
        rows,
      ) +
      '</div>',
  );
}

function timelineBar(stage: StageInfo, start: number, span: number) {
  const left = ((parseTimestamp(stage.startedAt) - start) / span) * 100;
  const width = (stage.durationMs / span) * 100;
  const kind = stage.cached ? ' class="cached"' : '';
  return (
    `<div class="timeline"><div${kind} style="left:${left.toFixed(2)}%;` +
    `width:${width.toFixed(2)}%"></div></div>`
  );
}

function metricsSection({metrics}: RunDetail): string {
  const finals = metrics.filter((m) => m.step === null);
  if (finals.length === 0) {
    return section('Metrics', '<p class="note">No metrics recorded.</p>');
  }
  const plain = finals.filter((m) => Object.keys(m.labels).length === 0);
  const labelled = finals.filter((m) => Object.keys(m.labels).length > 0);
  const byName = groupBy(labelled, (m) => m.name);
  const labelledHtml = [...byName].map(
    ([name, rows]) =>
      `<h3>${escapeHtml(name)} by label</h3>${labelTable(rows)}`,
  );
  return section(
    'Metrics',
    (plain.length > 0 ? pivotTable(plain) : '') + labelledHtml.join('\n'),
  );
}

/** Stages as rows, metric names as columns. */
function pivotTable(metrics: readonly MetricInfo[]): string {
  const names = [...new Set(metrics.map((m) => m.name))].sort();
  const byStage = groupBy(metrics, (m) => m.stage);
  const rows = [...byStage].map(([stage, values]) => [
    stage,
    ...names.map((name) => values.find((m) => m.name === name)?.value ?? null),
  ]);
  return `<div class="scroll">${htmlTable(['stage', ...names], rows)}</div>`;
}

function labelTable(metrics: readonly MetricInfo[]): string {
  const keys = [...new Set(metrics.flatMap((m) => Object.keys(m.labels)))];
  const rows = metrics.map((m) => [
    m.stage,
    ...keys.map((key) => labelText(m.labels[key])),
    m.value,
  ]);
  return `<div class="scroll">${htmlTable(['stage', ...keys, 'value'], rows)}</div>`;
}

function labelText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    groups.set(name, [...(groups.get(name) ?? []), item]);
  }
  return groups;
}

function curvesSection({metrics}: RunDetail): string | null {
  const steps = metrics.filter((m) => m.step !== null);
  if (steps.length === 0) return null;
  const charts = [...groupBy(steps, (m) => m.name)].map(([name, rows]) => {
    const series = [...groupBy(rows, seriesLabel)].map(
      ([label, points]): Series => ({
        label,
        points: points
          .map((m): [number, number] => [m.step ?? 0, m.value])
          .sort((a, b) => a[0] - b[0]),
      }),
    );
    return (
      `<figure><figcaption>${escapeHtml(name)} per step</figcaption>` +
      `${renderLineChartSvg(series)}</figure>`
    );
  });
  return section(
    'Training curves',
    `<div class="charts">${charts.join('\n')}</div>`,
  );
}

function seriesLabel(metric: MetricInfo): string {
  const labels = metricLabel({name: '', labels: metric.labels}).trim();
  return labels === '' ? metric.stage : `${metric.stage} ${labels}`;
}

function figuresSection(figures: readonly LoadedFigure[]): string | null {
  if (figures.length === 0) return null;
  return section(
    'Figures',
    `<div class="figures">${figures.map(figureHtml).join('\n')}</div>`,
  );
}

function figureHtml(figure: LoadedFigure): string {
  const caption =
    `<figcaption>${escapeHtml(figure.title)} ` +
    `<small>(${escapeHtml(figure.stage)})</small></figcaption>`;
  const views = figure.views.map((view) =>
    view.kind === 'image'
      ? `<img src="${view.dataUri}" alt="${escapeHtml(figure.title)}">`
      : `<iframe title="${escapeHtml(figure.title)}" sandbox="allow-scripts" ` +
        `srcdoc="${escapeHtml(view.html)}"></iframe>`,
  );
  const problem =
    figure.problem === null
      ? ''
      : `<p class="problem">${escapeHtml(figure.problem)}</p>`;
  return `<figure>${caption}${views.join('')}${problem}</figure>`;
}

function comparisonSection(detail: RunDetail, against: RunDetail): string {
  const {params, metrics} = compareRuns(against, detail);
  const changed = params.filter((row) => row.differs);
  const paramRows = changed.map((row) => [...row.key, row.a, row.b]);
  const metricRows = metrics.map((row) => [
    ...row.key,
    row.a,
    row.b,
    row.a !== null && row.b !== null ? row.b - row.a : null,
  ]);
  const marked = new Set(
    metrics.flatMap((row, index) => (row.differs ? [index] : [])),
  );
  const a = escapeHtml(against.run.runId);
  const b = escapeHtml(detail.run.runId);
  return section(
    'Comparison',
    `<p class="note">A = ${a} (${escapeHtml(against.run.pipeline)}), ` +
      `B = ${b} (this run); highlighted rows differ.</p>` +
      '<h3>Parameters that differ</h3>' +
      (changed.length === 0
        ? '<p class="note">None.</p>'
        : htmlTable(['stage', 'parameter', 'A', 'B'], paramRows)) +
      '<h3>Final metrics</h3>' +
      htmlTable(['stage', 'metric', 'A', 'B', 'B − A'], metricRows, {marked}),
  );
}
