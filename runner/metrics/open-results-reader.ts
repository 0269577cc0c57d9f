import {access} from 'node:fs/promises';
import {setTimeout as sleep} from 'node:timers/promises';
import type {DuckDBConnection, DuckDBInstance} from '@duckdb/node-api';
import {isLockConflict} from './is-lock-conflict.js';
import {importPendingRuns} from './pending-runs.js';
import type {Cell, QueryResult} from './query-result.js';
import {ResultsUnavailableError} from './results-unavailable-error.js';
import {resultsPath} from './results-path.js';
import {isNumericType, toCell} from './to-cell.js';

/** A value bound to a `?` placeholder. */
export type BindValue = string | number | boolean | null;

/** A read-only view of the results; every command but `run` uses one. */
export interface ResultsReader {
  query(sql: string, values?: readonly BindValue[]): Promise<QueryResult>;
  close(): void;
}

/**
 * Opens `.pipeline/results.duckdb` read-only. DuckDB refuses readers while
 * a run writes a batch, which takes milliseconds, so it retries for
 * `lockTimeoutMs` before saying the database is busy.
 */
export async function openResultsReader(
  workspaceRoot: string,
  lockTimeoutMs = 3000,
): Promise<ResultsReader> {
  const path = resultsPath(workspaceRoot);
  // Runs hand their last rows to a detached importer; fold in whatever it
  // has not written yet. A failure leaves them for the next reader.
  await importPendingRuns(path).catch(() => undefined);
  await access(path).catch(() => {
    throw new ResultsUnavailableError(
      `no results yet: ${path} does not exist; run a pipeline first`,
    );
  });
  const {DuckDBInstance} = await import('@duckdb/node-api');
  const instance = await openWithRetry(DuckDBInstance, path, lockTimeoutMs);
  const connection = await instance.connect();
  return new DuckDBResultsReader(instance, connection);
}

async function openWithRetry(
  Instance: typeof DuckDBInstance,
  path: string,
  lockTimeoutMs: number,
): Promise<DuckDBInstance> {
  const deadline = Date.now() + lockTimeoutMs;
  for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
    try {
      return await Instance.create(path, {access_mode: 'READ_ONLY'});
    } catch (error) {
      if (!isLockConflict(error)) throw error;
      if (Date.now() + wait > deadline) {
        throw new ResultsUnavailableError(
          'the database is in use by a running pipeline, try again',
        );
      }
      await sleep(wait);
    }
  }
}

class DuckDBResultsReader implements ResultsReader {
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  async query(
    sql: string,
    values: readonly BindValue[] = [],
  ): Promise<QueryResult> {
    const reader = await this.connection.runAndReadAll(sql, [...values]);
    const types = reader.columnTypes();
    const columns = reader.columnNames().map((name, index) => {
      const type = types[index];
      if (type === undefined) throw new Error('Internal error: column type');
      const typeName = type.alias ?? type.toString();
      return {name, type: typeName, numeric: isNumericType(type)};
    });
    const rows = reader.getRows().map((row): Cell[] => row.map(toCell));
    return {columns, rows};
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
