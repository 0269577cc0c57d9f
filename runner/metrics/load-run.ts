import {
  jsonObject,
  numberOf,
  numberOrNull,
  text,
  textOrNull,
} from './cell-values.js';
import type {ResultsReader} from './open-results-reader.js';
import type {QueryResult} from './query-result.js';
import type {
  ArtifactInfo,
  InputInfo,
  MetricInfo,
  RunDetail,
  RunInfo,
  StageInfo,
} from './run-detail.js';

/** Reads every table's rows for one run (the id must exist). */
export async function loadRun(
  reader: ResultsReader,
  runId: string,
): Promise<RunDetail> {
  const select = (sql: string) => reader.query(sql, [runId]);
  const [run] = toRuns(await select(RUN_SQL));
  if (run === undefined) throw new Error(`Internal error: no run ${runId}`);
  return {
    run,
    stages: toStages(await select(STAGES_SQL)),
    metrics: toMetrics(await select(METRICS_SQL)),
    artifacts: toArtifacts(await select(ARTIFACTS_SQL)),
    inputs: toInputs(await select(INPUTS_SQL)),
  };
}

const RUN_SQL = `
  SELECT run_id, pipeline, file, started_at::VARCHAR, finished_at::VARCHAR,
    epoch_ms(finished_at) - epoch_ms(started_at), status, overrides::VARCHAR,
    git_rev, host, backend
  FROM runs WHERE run_id = ?`;

const STAGES_SQL = `
  SELECT stage, type, matrix::VARCHAR, params::VARCHAR, fingerprint, cached,
    status, started_at::VARCHAR, duration_ms, error
  FROM stages WHERE run_id = ? ORDER BY started_at, stage`;

const METRICS_SQL = `
  SELECT stage, name, value, step, labels::VARCHAR
  FROM metrics WHERE run_id = ?
  ORDER BY stage, name, labels::VARCHAR, step NULLS FIRST`;

const ARTIFACTS_SQL = `
  SELECT stage, port, digest, type, bytes
  FROM artifacts WHERE run_id = ? ORDER BY stage, port`;

const INPUTS_SQL = `
  SELECT DISTINCT stage, port, producer, producer_port
  FROM stage_inputs WHERE run_id = ? ORDER BY stage, port, producer`;

function toRuns(result: QueryResult): RunInfo[] {
  return result.rows.map((row) => ({
    runId: text(row[0]),
    pipeline: text(row[1]),
    file: text(row[2]),
    startedAt: text(row[3]),
    finishedAt: textOrNull(row[4]),
    durationMs: numberOrNull(row[5]),
    status: text(row[6]),
    overrides: jsonObject(row[7]),
    gitRev: textOrNull(row[8]),
    host: textOrNull(row[9]),
    backend: textOrNull(row[10]),
  }));
}

function toStages(result: QueryResult): StageInfo[] {
  return result.rows.map((row) => ({
    stage: text(row[0]),
    type: text(row[1]),
    matrix: jsonObject(row[2]),
    params: jsonObject(row[3]),
    fingerprint: text(row[4]),
    cached: row[5] === true,
    status: text(row[6]),
    startedAt: text(row[7]),
    durationMs: numberOf(row[8]),
    error: textOrNull(row[9]),
  }));
}

function toMetrics(result: QueryResult): MetricInfo[] {
  return result.rows.map((row) => ({
    stage: text(row[0]),
    name: text(row[1]),
    value: numberOrNull(row[2]) ?? Number.NaN,
    step: numberOrNull(row[3]),
    labels: jsonObject(row[4]),
  }));
}

function toArtifacts(result: QueryResult): ArtifactInfo[] {
  return result.rows.map((row) => ({
    stage: text(row[0]),
    port: text(row[1]),
    digest: text(row[2]),
    type: text(row[3]),
    bytes: numberOf(row[4]),
  }));
}

function toInputs(result: QueryResult): InputInfo[] {
  return result.rows.map((row) => ({
    stage: text(row[0]),
    port: text(row[1]),
    producer: text(row[2]),
    producerPort: text(row[3]),
  }));
}
