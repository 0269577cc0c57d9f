import {writeFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import {writeOut} from '../log/output.js';
import {loadRun} from '../metrics/load-run.js';
import type {ResultsReader} from '../metrics/open-results-reader.js';
import {resolveRun} from '../metrics/resolve-run.js';
import type {RunDetail} from '../metrics/run-detail.js';
import {buildReport} from '../report/build-report.js';
import {loadFigures} from '../report/load-figures.js';
import {resultsCommand, UsageError} from './results-command.js';

/** `pipeline report RUN`: one self-contained HTML file about a run. */
const command = resultsCommand({
  name: 'report',
  summary: 'Write a self-contained HTML report of a run.',
  usage: 'RUN|latest [--against RUN] [--out FILE] [--workspace DIR]',
  options: {
    against: {type: 'string', short: 'a'},
    out: {type: 'string', short: 'o'},
  },
  positionals: [1, 1],
  async run({values, positionals, reader, workspace}) {
    const detail = await load(reader, positionals[0] ?? '');
    const against =
      typeof values.against === 'string'
        ? await load(reader, values.against)
        : null;
    const figures = await loadFigures(workspace, detail.artifacts);
    const html = buildReport({detail, figures, against});
    const out = resolve(
      typeof values.out === 'string'
        ? values.out
        : `report-${detail.run.runId}.html`,
    );
    await writeFile(out, html).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UsageError(`cannot write the report: ${reason}`);
    });
    const kib = (Buffer.byteLength(html) / 1024).toFixed(0);
    writeOut(`wrote ${out} (${kib} KiB)`);
    return 0;
  },
});

export const summary = command.summary;

export function main(argv: readonly string[]): Promise<number> {
  return command.main(argv);
}

async function load(reader: ResultsReader, ref: string): Promise<RunDetail> {
  return loadRun(reader, await resolveRun(reader, ref));
}
