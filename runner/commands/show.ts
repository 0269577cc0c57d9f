import {writeOut} from '../log/output.js';
import {flatten, metricLabel} from '../metrics/compare-runs.js';
import {loadRun} from '../metrics/load-run.js';
import {resolveRun} from '../metrics/resolve-run.js';
import type {RunDetail, RunInfo} from '../metrics/run-detail.js';
import {formatDuration} from '../util/format-duration.js';
import {formatTable} from '../util/format-table.js';
import {resultsCommand} from './results-command.js';

/** `pipeline show RUN`: one run's header, stages and final metrics. */
const command = resultsCommand({
  name: 'show',
  summary: 'Show one run: parameters, stages, final metrics.',
  usage: 'RUN|latest|latest~N [--workspace DIR]',
  options: {},
  positionals: [1, 1],
  async run({positionals, reader}) {
    const runId = await resolveRun(reader, positionals[0] ?? '');
    writeOut(formatRunDetail(await loadRun(reader, runId)));
    return 0;
  },
});

export const summary = command.summary;

export function main(argv: readonly string[]): Promise<number> {
  return command.main(argv);
}

/** The sections of `pipeline show`, blank-line separated. */
export function formatRunDetail(detail: RunDetail): string {
  return [
    formatHeader(detail.run),
    section('Overrides', formatOverrides(detail)),
    section('Stages', formatStages(detail)),
    section('Parameters', formatParameters(detail)),
    section('Metrics', formatFinalMetrics(detail)),
  ].join('\n\n');
}

function section(title: string, body: string | null): string {
  return `${title}\n${body ?? '(none)'}`;
}

function formatHeader(run: RunInfo): string {
  const duration =
    run.durationMs === null ? '' : ` (${formatDuration(run.durationMs)})`;
  const fields: [string, string | null][] = [
    ['file', run.file],
    ['started', `${run.startedAt} UTC`],
    ['finished', run.finishedAt && `${run.finishedAt} UTC${duration}`],
    ['git', run.gitRev],
    ['host', run.host],
    ['backend', run.backend],
  ];
  const lines = fields
    .filter((field): field is [string, string] => field[1] !== null)
    .map(([key, value]) => `  ${key.padEnd(10)}${value}`);
  return [`Run ${run.runId}  ${run.pipeline}  ${run.status}`, ...lines].join(
    '\n',
  );
}

function formatOverrides({run}: RunDetail): string | null {
  const rows = flatten('', run.overrides);
  if (rows.length === 0) return null;
  return formatTable([{header: 'parameter'}, {header: 'value'}], rows);
}

function formatStages({stages}: RunDetail): string | null {
  if (stages.length === 0) return null;
  const columns = [
    {header: 'stage'},
    {header: 'type'},
    {header: 'status'},
    {header: 'cached'},
    {header: 'duration', align: 'right'},
  ] as const;
  const rows = stages.map((stage) => [
    stage.stage,
    stage.type,
    stage.error === null ? stage.status : `${stage.status}: ${stage.error}`,
    stage.cached ? 'yes' : 'no',
    formatDuration(stage.durationMs),
  ]);
  return formatTable(columns, rows);
}

function formatParameters({stages}: RunDetail): string | null {
  const rows = stages
    .map((stage) => [stage.stage, compactParams(stage.params)] as const)
    .filter(([, params]) => params !== '');
  if (rows.length === 0) return null;
  return formatTable([{header: 'stage'}, {header: 'parameters'}], rows);
}

const MAX_VALUE = 48;

/** `epochs=8 model=resnet50`, nested keys dotted, long values cut. */
function compactParams(params: Readonly<Record<string, unknown>>): string {
  return flatten('', params)
    .map(([key, value]) => {
      const cut = value.length > MAX_VALUE;
      return `${key}=${cut ? `${value.slice(0, MAX_VALUE - 1)}…` : value}`;
    })
    .join(' ');
}

function formatFinalMetrics({metrics}: RunDetail): string | null {
  const rows = metrics
    .filter((metric) => metric.step === null)
    .map((metric) => [metric.stage, metricLabel(metric), metric.value]);
  if (rows.length === 0) return null;
  const columns = [
    {header: 'stage'},
    {header: 'metric'},
    {header: 'value', align: 'decimal'},
  ] as const;
  return formatTable(columns, rows);
}
