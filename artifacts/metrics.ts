import type {Scalar} from '../runner/stage-definition.js';

/**
 * `metrics` artifact layout (a folder): `metrics.json`, a
 * {@link MetricsFile}. The same values reach DuckDB through
 * `StageContext.metric`; the file lets downstream stages (charts, the
 * report) read them without the database.
 */
export interface MetricRecord {
  readonly name: string;
  readonly value: number;
  readonly step?: number;
  readonly labels?: Readonly<Record<string, Scalar>>;
}

export interface MetricsFile {
  readonly format: 'metrics/v1';
  readonly metrics: readonly MetricRecord[];
  /** Free-form tables, e.g. a confusion matrix: name to rows. */
  readonly tables?: Readonly<Record<string, unknown>>;
}
