import {formatCsv} from '../util/format-csv.js';
import {formatTable} from '../util/format-table.js';
import type {Cell, QueryResult} from './query-result.js';

/** The `--format` values of `pipeline query`. */
export const QUERY_FORMATS = ['table', 'csv', 'json'] as const;
export type QueryFormat = (typeof QUERY_FORMATS)[number];

/** Renders a query result the way `pipeline query --format` asks. */
export function formatQueryResult(
  result: QueryResult,
  format: QueryFormat,
): string {
  switch (format) {
    case 'table':
      return formatTable(
        result.columns.map(({name, numeric}) => ({
          header: name,
          align: numeric ? 'decimal' : 'left',
        })),
        result.rows.map((row) => row.map(tableCell)),
        'NULL',
      );
    case 'csv':
      return formatCsv(
        result.columns.map(({name}) => name),
        result.rows,
      );
    case 'json':
      return JSON.stringify(jsonRows(result), null, 2);
  }
}

function tableCell(cell: Cell): string | number | null {
  return typeof cell === 'boolean' ? String(cell) : cell;
}

/** Rows as objects; JSON columns become nested values, not strings. */
function jsonRows(result: QueryResult): Record<string, unknown>[] {
  return result.rows.map((row) => {
    const entries = result.columns.map(({name, type}, index) => {
      const cell = row[index] ?? null;
      const isJson = type === 'JSON' && typeof cell === 'string';
      return [name, isJson ? (JSON.parse(cell) as unknown) : cell];
    });
    return Object.fromEntries(entries) as Record<string, unknown>;
  });
}
