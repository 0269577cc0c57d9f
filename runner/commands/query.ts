import {writeErr, writeOut} from '../log/output.js';
import {
  QUERY_FORMATS,
  formatQueryResult,
  type QueryFormat,
} from '../metrics/format-query-result.js';
import type {ResultsReader} from '../metrics/open-results-reader.js';
import type {QueryResult} from '../metrics/query-result.js';
import {resultsCommand, UsageError} from './results-command.js';

/** `pipeline query SQL`: any read-only SQL over the results tables. */
const command = resultsCommand({
  name: 'query',
  summary: 'Run read-only SQL over runs, stages, metrics and artifacts.',
  usage: '"SQL" [--format table|csv|json] [--workspace DIR]',
  options: {format: {type: 'string', short: 'f', default: 'table'}},
  positionals: [1, 1],
  async run({values, positionals, reader}) {
    const format = parseFormat(values.format);
    const result = await runQuery(reader, positionals[0] ?? '');
    if (result === null) return 1;
    writeOut(formatQueryResult(result, format));
    return 0;
  },
});

export const summary = command.summary;

export function main(argv: readonly string[]): Promise<number> {
  return command.main(argv);
}

function parseFormat(value: unknown): QueryFormat {
  const format = QUERY_FORMATS.find((known) => known === value);
  if (format === undefined) {
    throw new UsageError(
      `unknown --format "${String(value)}"; use ${QUERY_FORMATS.join(', ')}`,
    );
  }
  return format;
}

/** The result, or null after printing why DuckDB refused the SQL. */
async function runQuery(
  reader: ResultsReader,
  sql: string,
): Promise<QueryResult | null> {
  try {
    return await reader.query(sql);
  } catch (error) {
    writeErr(`pipeline query: ${describeSqlError(error)}`);
    return null;
  }
}

function describeSqlError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = (message.split('\n')[0] ?? message).replace(
    /^Failed to extract statements: /,
    '',
  );
  return /read-only mode/i.test(message)
    ? `results are read-only here; only \`pipeline run\` writes them ` +
        `(${firstLine})`
    : firstLine;
}
