import {writeOut} from '../log/output.js';
import {compareRuns, type DiffRow} from '../metrics/compare-runs.js';
import {loadRun} from '../metrics/load-run.js';
import {resolveRun} from '../metrics/resolve-run.js';
import {formatTable, type TableColumn} from '../util/format-table.js';
import {resultsCommand} from './results-command.js';

/** `pipeline compare A B`: parameters and final metrics side by side. */
const command = resultsCommand({
  name: 'compare',
  summary: 'Compare two runs: parameters and metrics side by side.',
  usage: 'RUN RUN [--all] [--workspace DIR]',
  options: {all: {type: 'boolean', default: false}},
  positionals: [2, 2],
  async run({values, positionals, reader}) {
    const [refA = '', refB = ''] = positionals;
    const a = await loadRun(reader, await resolveRun(reader, refA));
    const b = await loadRun(reader, await resolveRun(reader, refB));
    const comparison = compareRuns(a, b);
    const all = values.all === true;
    const params = all
      ? comparison.params
      : comparison.params.filter((row) => row.differs);
    writeOut(
      [
        `Comparing A ${a.run.runId} (${a.run.pipeline}) with ` +
          `B ${b.run.runId} (${b.run.pipeline}); * marks a difference`,
        section(
          all ? 'Parameters' : 'Parameters that differ',
          params,
          'parameter',
        ),
        section('Metrics', comparison.metrics, 'metric'),
      ].join('\n\n'),
    );
    return 0;
  },
});

export const summary = command.summary;

export function main(argv: readonly string[]): Promise<number> {
  return command.main(argv);
}

function section<T extends string | number>(
  title: string,
  rows: readonly DiffRow<T>[],
  keyHeader: string,
): string {
  if (rows.length === 0) return `${title}\n(none)`;
  const numeric = rows.some(
    (row) => typeof row.a === 'number' || typeof row.b === 'number',
  );
  const align = numeric ? 'decimal' : 'left';
  const columns: TableColumn[] = [
    {header: ''},
    {header: 'stage'},
    {header: keyHeader},
    {header: 'A', align},
    {header: 'B', align},
  ];
  if (numeric) columns.push({header: 'B - A', align: 'decimal'});
  return `${title}\n${formatTable(columns, rows.map(toCells), '-')}`;
}

function toCells<T extends string | number>(row: DiffRow<T>) {
  const cells: (string | number | null)[] = [
    row.differs ? '*' : '',
    ...row.key,
    row.a,
    row.b,
  ];
  if (typeof row.a === 'number' && typeof row.b === 'number') {
    cells.push(row.b - row.a);
  } else if (typeof row.a === 'number' || typeof row.b === 'number') {
    cells.push(null);
  }
  return cells;
}
