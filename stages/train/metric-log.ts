import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {MetricRecord, MetricsFile} from '../../artifacts/metrics.js';
import type {
  MetricOptions,
  StageContext,
} from '../../runner/stage-definition.js';

/**
 * Sends each metric to the runner (DuckDB, progress display) and keeps it
 * for the stage's `metrics` artifact, so both always hold the same values.
 */
export class MetricLog {
  readonly #context: StageContext<unknown>;
  readonly #records: MetricRecord[] = [];

  constructor(context: StageContext<unknown>) {
    this.#context = context;
  }

  add(name: string, value: number, options: MetricOptions = {}): void {
    this.#context.metric(name, value, options);
    this.#records.push({name, value, ...options});
  }

  /** Writes `metrics.json` into the `metrics` output folder. */
  async save(folder: string): Promise<void> {
    const file: MetricsFile = {format: 'metrics/v1', metrics: this.#records};
    await writeFile(
      path.join(folder, 'metrics.json'),
      JSON.stringify(file, null, 2) + '\n',
    );
  }
}
