import {mkdir} from 'node:fs/promises';
import {dirname} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type {Appender, Connection, Database} from '@duckdb/node-bindings';
import {isLockConflict} from './is-lock-conflict.js';
import type {PendingWrite, StageMetric} from './pending-write.js';
import type {ArtifactRecord, RunStart, StageRecord} from './recorder.js';
import {
  CREATE_SCHEMA_VERSION,
  MIGRATIONS,
  SCHEMA_VERSION,
  type ResultsTable,
} from './results-schema.js';

// The writer talks to the thin native bindings rather than
// @duckdb/node-api: loading the latter's 180 modules costs 150-300 ms,
// which alone would break the one-second budget of a no-op run.
type DuckDB = typeof import('@duckdb/node-bindings');

interface Session {
  readonly duckdb: DuckDB;
  readonly connection: Connection;
}

/**
 * Opens the database for writing, applies `pending` in one transaction and
 * closes it again, so that readers are shut out only for the write itself.
 * Waits up to `lockTimeoutMs` while a reader holds the file.
 */
export async function writePending(
  path: string,
  pending: PendingWrite,
  lockTimeoutMs: number,
): Promise<void> {
  const {default: duckdb} = await import('@duckdb/node-bindings');
  await mkdir(dirname(path), {recursive: true});
  const db = await openWithRetry(duckdb, path, lockTimeoutMs);
  const connection = await duckdb.connect(db);
  const session = {duckdb, connection};
  try {
    await migrate(session);
    await inTransaction(session, () => writeRows(session, pending));
  } finally {
    duckdb.disconnect_sync(connection);
    duckdb.close_sync(db);
  }
}

async function openWithRetry(
  duckdb: DuckDB,
  path: string,
  lockTimeoutMs: number,
): Promise<Database> {
  const deadline = Date.now() + lockTimeoutMs;
  for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
    try {
      return await duckdb.open(path);
    } catch (error) {
      if (!isLockConflict(error) || Date.now() + wait > deadline) throw error;
      await sleep(wait);
    }
  }
}

async function migrate(session: Session): Promise<void> {
  await session.duckdb.query(session.connection, CREATE_SCHEMA_VERSION);
  const version = await readSchemaVersion(session);
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `results.duckdb has schema version ${version}, newer than this ` +
        `pipeline understands (${SCHEMA_VERSION}); upgrade pipeline`,
    );
  }
  for (let next = version; next < SCHEMA_VERSION; next++) {
    await inTransaction(session, async () => {
      for (const sql of MIGRATIONS[next] ?? []) {
        await session.duckdb.query(session.connection, sql);
      }
      await run(session, 'INSERT INTO schema_version VALUES (?)', [next + 1]);
    });
  }
}

async function readSchemaVersion({duckdb, connection}: Session) {
  const result = await duckdb.query(
    connection,
    'SELECT coalesce(max(version), 0)::INTEGER FROM schema_version',
  );
  const chunk = await duckdb.fetch_chunk(result);
  if (chunk === null) return 0;
  const vector = duckdb.data_chunk_get_vector(chunk, 0);
  const bytes = duckdb.vector_get_data(vector, 4);
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0, true);
}

async function inTransaction(
  session: Session,
  body: () => Promise<void>,
): Promise<void> {
  await session.duckdb.query(session.connection, 'BEGIN TRANSACTION');
  try {
    await body();
    await session.duckdb.query(session.connection, 'COMMIT');
  } catch (error) {
    await session.duckdb.query(session.connection, 'ROLLBACK');
    throw error;
  }
}

/** Runs one statement with bound values (numbers, strings or nulls). */
async function run(
  {duckdb, connection}: Session,
  sql: string,
  values: readonly (string | number | null)[],
): Promise<void> {
  const statement = await duckdb.prepare(connection, sql);
  try {
    values.forEach((value, index) => {
      if (value === null) duckdb.bind_null(statement, index + 1);
      else if (typeof value === 'number') {
        duckdb.bind_double(statement, index + 1, value);
      } else duckdb.bind_varchar(statement, index + 1, value);
    });
    await duckdb.execute_prepared(statement);
  } finally {
    duckdb.destroy_prepare_sync(statement);
  }
}

async function writeRows(session: Session, pending: PendingWrite) {
  const {runId} = pending;
  if (pending.insertRun === null) {
    await run(
      session,
      'UPDATE runs SET status = ?, finished_at = ?::TIMESTAMP,' +
        ' backend = coalesce(?, backend) WHERE run_id = ?',
      [pending.status, isoOrNull(pending.finishedAt), pending.backend, runId],
    );
  } else {
    const start = pending.insertRun;
    append(session, 'runs', [start], (a, row) => {
      appendRun(a, row, pending);
    });
  }
  append(session, 'stages', pending.stages, (a, row) => {
    appendStage(a, runId, row);
  });
  const inputs = pending.stages.flatMap((stage) =>
    (stage.inputs ?? []).map((input) => ({stage: stage.stage, input})),
  );
  append(session, 'stage_inputs', inputs, (a, {stage, input}) => {
    a.text(runId).text(stage).text(input.port).text(input.producer);
    a.text(input.producerPort).text(input.digest);
  });
  append(session, 'metrics', pending.metrics, (a, row) => {
    appendMetric(a, runId, row);
  });
  append(session, 'artifacts', pending.artifacts, (a, row) => {
    appendArtifact(a, runId, row);
  });
}

function isoOrNull(date: Date | null): string | null {
  return date === null ? null : date.toISOString().replace('Z', '');
}

function appendRun(a: RowAppender, run: RunStart, pending: PendingWrite) {
  a.text(run.runId).text(run.pipeline).text(run.file);
  a.timestamp(run.startedAt).timestamp(pending.finishedAt);
  a.text(pending.status).json(run.overrides).text(run.gitRev);
  a.text(run.host).text(pending.backend ?? run.backend);
}

function appendStage(a: RowAppender, runId: string, stage: StageRecord) {
  a.text(runId).text(stage.stage).text(stage.type);
  a.json(stage.matrix).json(stage.params).text(stage.fingerprint);
  a.boolean(stage.cached).text(stage.status).timestamp(stage.startedAt);
  a.bigint(Math.round(stage.durationMs)).text(stage.error);
}

function appendMetric(a: RowAppender, runId: string, row: StageMetric) {
  const {metric} = row;
  a.text(runId).text(row.stage).text(metric.name).double(metric.value);
  a.integer(metric.step ?? null).json(metric.labels ?? {});
}

function appendArtifact(a: RowAppender, runId: string, row: ArtifactRecord) {
  a.text(runId).text(row.stage).text(row.port).text(row.digest);
  a.text(row.type).bigint(row.bytes);
}

function append<T>(
  {duckdb, connection}: Session,
  table: ResultsTable,
  rows: readonly T[],
  appendRow: (appender: RowAppender, row: T) => void,
): void {
  if (rows.length === 0) return;
  const appender = duckdb.appender_create(connection, null, table);
  try {
    const rowAppender = new RowAppender(duckdb, appender);
    for (const row of rows) {
      appendRow(rowAppender, row);
      duckdb.appender_end_row(appender);
    }
  } finally {
    duckdb.appender_close_sync(appender);
  }
}

/** Typed, null-aware cells for one appender; calls chain along a row. */
class RowAppender {
  constructor(
    private readonly duckdb: DuckDB,
    private readonly appender: Appender,
  ) {}

  text(value: string | null): this {
    if (value === null) this.duckdb.append_null(this.appender);
    else this.duckdb.append_varchar(this.appender, value);
    return this;
  }

  json(value: unknown): this {
    return this.text(JSON.stringify(value));
  }

  double(value: number): this {
    this.duckdb.append_double(this.appender, value);
    return this;
  }

  integer(value: number | null): this {
    if (value === null) this.duckdb.append_null(this.appender);
    else this.duckdb.append_int32(this.appender, value);
    return this;
  }

  bigint(value: number): this {
    this.duckdb.append_int64(this.appender, BigInt(value));
    return this;
  }

  boolean(value: boolean): this {
    this.duckdb.append_bool(this.appender, value);
    return this;
  }

  timestamp(value: Date | null): this {
    if (value === null) this.duckdb.append_null(this.appender);
    else {
      const micros = BigInt(value.getTime()) * 1000n;
      this.duckdb.append_timestamp(this.appender, {micros});
    }
    return this;
  }
}
