import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {loadModelMeta} from '../../artifacts/load-model.js';
import type {MetricsFile} from '../../artifacts/metrics.js';
import type {InputArtifact, Scalar} from '../../runner/stage-definition.js';

/**
 * One metric value in long form: `metric`, `value`, `step`, `producer`,
 * then the producing instance's matrix values and the metric's labels as
 * fields, so a chart can put any of them on an axis.
 */
export type MetricRow = Readonly<Record<string, Scalar | null>>;

export interface RowFilter {
  readonly metric?: string | readonly string[];
  readonly where?: Readonly<Record<string, Scalar>>;
  /**
   * Fields the chart shows. A row whose labels (say `group`) are neither
   * shown nor in `where` is a breakdown the chart did not ask for: left out.
   */
  readonly shown?: readonly (string | undefined)[];
}

/** Reads every gathered metrics artifact into rows, in input order. */
export async function readMetricRows(
  inputs: readonly InputArtifact[],
): Promise<MetricRow[]> {
  const rows: MetricRow[] = [];
  for (const input of inputs) {
    const text = await readFile(join(input.path, 'metrics.json'), 'utf8');
    const file = JSON.parse(text) as MetricsFile;
    for (const record of file.metrics) {
      rows.push({
        ...input.matrix,
        ...record.labels,
        producer: input.producer,
        labels: Object.keys(record.labels ?? {})
          .sort()
          .join(','),
        metric: record.name,
        value: record.value,
        step: record.step ?? null,
      });
    }
  }
  return rows;
}

/**
 * One `trainable_params` row per model artifact (from its meta.json), so
 * model size can be charted beside accuracy.
 */
export async function readModelRows(
  inputs: readonly InputArtifact[],
): Promise<MetricRow[]> {
  const rows: MetricRow[] = [];
  for (const input of inputs) {
    const meta = await loadModelMeta(input.path);
    rows.push({
      ...input.matrix,
      producer: input.producer,
      labels: '',
      metric: 'trainable_params',
      value: meta.trainableParams,
      step: null,
    });
  }
  return rows;
}

/** Keeps the rows a chart asked for; `"*"` in `where` means "present". */
export function filterRows(
  rows: readonly MetricRow[],
  filter: RowFilter,
): MetricRow[] {
  const names =
    filter.metric === undefined
      ? undefined
      : new Set(
          typeof filter.metric === 'string' ? [filter.metric] : filter.metric,
        );
  const where = Object.entries(filter.where ?? {});
  const allowed = new Set([
    ...Object.keys(filter.where ?? {}),
    ...(filter.shown ?? []),
  ]);
  return rows.filter(
    (row) =>
      (names === undefined || names.has(String(row.metric))) &&
      where.every(([field, wanted]) => matches(row[field], wanted)) &&
      labelsOf(row).every((label) => allowed.has(label)),
  );
}

function labelsOf(row: MetricRow): string[] {
  const labels = String(row.labels ?? '');
  return labels === '' ? [] : labels.split(',');
}

function matches(value: Scalar | null | undefined, wanted: Scalar): boolean {
  if (value === undefined || value === null) {
    return false;
  }
  return wanted === '*' || String(value) === String(wanted);
}

/**
 * Wide form for scatter plots of one metric against another: one row per
 * producer and label set, each metric name a field.
 */
export function pivotRows(rows: readonly MetricRow[]): MetricRow[] {
  const groups = new Map<string, Record<string, Scalar | null>>();
  for (const row of rows) {
    const {metric, value, step: _step, ...keys} = row;
    const key = JSON.stringify(keys);
    const group = groups.get(key) ?? {...keys};
    group[String(metric)] = value ?? null;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Fields present in every row, for error messages that list choices. */
export function fieldsOf(rows: readonly MetricRow[]): string[] {
  const fields = new Set<string>();
  for (const row of rows) {
    for (const field of Object.keys(row)) {
      fields.add(field);
    }
  }
  return [...fields].sort();
}
