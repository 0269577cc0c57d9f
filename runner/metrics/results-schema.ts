import {quoteIdentifier} from './quote-identifier.js';

/**
 * The tables of `.pipeline/results.duckdb`. Their names and columns are a
 * public interface: users' queries and the README depend on them, so a
 * change here is a new schema version with a migration.
 */
export const RESULTS_TABLES = {
  runs: [
    ['run_id', 'VARCHAR NOT NULL'],
    ['pipeline', 'VARCHAR'],
    ['file', 'VARCHAR'],
    ['started_at', 'TIMESTAMP'],
    ['finished_at', 'TIMESTAMP'],
    ['status', 'VARCHAR'],
    ['overrides', 'JSON'],
    ['git_rev', 'VARCHAR'],
    ['host', 'VARCHAR'],
    ['backend', 'VARCHAR'],
  ],
  stages: [
    ['run_id', 'VARCHAR NOT NULL'],
    ['stage', 'VARCHAR NOT NULL'],
    ['type', 'VARCHAR'],
    ['matrix', 'JSON'],
    ['params', 'JSON'],
    ['fingerprint', 'VARCHAR'],
    ['cached', 'BOOLEAN'],
    ['status', 'VARCHAR'],
    ['started_at', 'TIMESTAMP'],
    ['duration_ms', 'BIGINT'],
    ['error', 'VARCHAR'],
  ],
  metrics: [
    ['run_id', 'VARCHAR NOT NULL'],
    ['stage', 'VARCHAR NOT NULL'],
    ['name', 'VARCHAR NOT NULL'],
    ['value', 'DOUBLE'],
    ['step', 'INTEGER'],
    ['labels', 'JSON'],
  ],
  artifacts: [
    ['run_id', 'VARCHAR NOT NULL'],
    ['stage', 'VARCHAR NOT NULL'],
    ['port', 'VARCHAR'],
    ['digest', 'VARCHAR'],
    ['type', 'VARCHAR'],
    ['bytes', 'BIGINT'],
  ],
  // Edges of the run's DAG: which output each stage input came from.
  stage_inputs: [
    ['run_id', 'VARCHAR NOT NULL'],
    ['stage', 'VARCHAR NOT NULL'],
    ['port', 'VARCHAR'],
    ['producer', 'VARCHAR'],
    ['producer_port', 'VARCHAR'],
    ['digest', 'VARCHAR'],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

export type ResultsTable = keyof typeof RESULTS_TABLES;

function createTable(table: ResultsTable): string {
  const columns = RESULTS_TABLES[table].map(
    ([name, type]) => `${quoteIdentifier(name)} ${type}`,
  );
  return `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(table)} (${columns.join(', ')})`;
}

/**
 * Statements that bring a database from version `i` to `i + 1`, by index.
 * Append a list to change the schema; never edit a released one.
 */
export const MIGRATIONS: readonly (readonly string[])[] = [
  (Object.keys(RESULTS_TABLES) as ResultsTable[]).map(createTable),
];

/** The version this code writes; `schema_version` records a file's. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Created before anything else, so the version can always be read. */
export const CREATE_SCHEMA_VERSION =
  'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)';
