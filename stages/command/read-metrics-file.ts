import {readFile} from 'node:fs/promises';
import type {MetricRecord} from '../../artifacts/metrics.js';
import type {Scalar} from '../../runner/stage-definition.js';

/**
 * Reads the metrics JSON a command wrote: `{"name": number}` or
 * `[{"name", "value", "step"?, "labels"?}]`. Anything else is the
 * program's mistake, reported with the file name.
 */
export async function readMetricsFile(path: string): Promise<MetricRecord[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new MetricsFileError(`metrics file ${path}: ${String(error)}`);
  }
  const records = Array.isArray(parsed)
    ? parsed.map((item) => toRecord(item, path))
    : fromObject(parsed, path);
  return records;
}

function fromObject(parsed: unknown, path: string): MetricRecord[] {
  if (typeof parsed !== 'object' || parsed === null) {
    throw badShape(path);
  }
  return Object.entries(parsed as Record<string, unknown>).map(
    ([name, value]) => toRecord({name, value}, path),
  );
}

function toRecord(item: unknown, path: string): MetricRecord {
  const record = item as Partial<Record<keyof MetricRecord, unknown>>;
  if (
    typeof record.name !== 'string' ||
    typeof record.value !== 'number' ||
    (record.step !== undefined && typeof record.step !== 'number') ||
    (record.labels !== undefined && !isLabels(record.labels))
  ) {
    throw badShape(path);
  }
  return {
    name: record.name,
    value: record.value,
    ...(record.step === undefined ? {} : {step: record.step}),
    ...(record.labels === undefined ? {} : {labels: record.labels}),
  };
}

function isLabels(value: unknown): value is Record<string, Scalar> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((v) =>
      ['string', 'number', 'boolean'].includes(typeof v),
    )
  );
}

function badShape(path: string): MetricsFileError {
  return new MetricsFileError(
    `metrics file ${path}: expected {"name": number} or ` +
      '[{"name": string, "value": number, "step"?: number, "labels"?: {}}]',
  );
}

/** The metrics file is missing, not JSON, or of the wrong shape. */
export class MetricsFileError extends Error {
  override readonly name = 'MetricsFileError';
}
