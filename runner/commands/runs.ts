import {writeOut} from '../log/output.js';
import {listRuns} from '../metrics/list-runs.js';
import {formatDuration} from '../util/format-duration.js';
import {formatTable, type TableColumn} from '../util/format-table.js';
import {resultsCommand, UsageError} from './results-command.js';

/** `pipeline runs`: the newest runs, one line each. */
const command = resultsCommand({
  name: 'runs',
  summary: 'List recorded runs, newest first.',
  usage: '[--pipeline NAME] [--limit N] [--workspace DIR]',
  options: {
    pipeline: {type: 'string', short: 'p'},
    limit: {type: 'string', short: 'n', default: '20'},
  },
  positionals: [0, 0],
  async run({values, reader}) {
    const pipeline =
      typeof values.pipeline === 'string' ? values.pipeline : undefined;
    const limit = parseLimit(values.limit);
    const result = await listRuns(reader, {pipeline, limit});
    const rows = result.rows.map((row) =>
      row.map((cell, index) =>
        index === DURATION_COLUMN ? durationText(cell) : String(cell),
      ),
    );
    writeOut(formatTable(RUN_COLUMNS, rows));
    return 0;
  },
});

export const summary = command.summary;

export function main(argv: readonly string[]): Promise<number> {
  return command.main(argv);
}

const RUN_COLUMNS: readonly TableColumn[] = [
  {header: 'id'},
  {header: 'pipeline'},
  {header: 'status'},
  {header: 'started (UTC)'},
  {header: 'duration', align: 'right'},
  {header: 'ran', align: 'right'},
  {header: 'cached', align: 'right'},
];

const DURATION_COLUMN = 4;

/** A still-running run has no duration yet. */
function durationText(cell: unknown): string {
  return typeof cell === 'number' ? formatDuration(cell) : '-';
}

function parseLimit(value: unknown): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new UsageError(
      `--limit takes a positive whole number, not "${String(value)}"`,
    );
  }
  return limit;
}
