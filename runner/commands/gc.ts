import {join} from 'node:path';
import {parseArgs} from 'node:util';
import {stateDir} from '../../artifacts/local-store.js';
import {collectGarbage} from '../cache/collect-garbage.js';
import {writeErr, writeOut} from '../log/output.js';
import {findWorkspace} from '../util/find-workspace.js';
import {acquireLock} from '../util/workspace-lock.js';

export const summary = 'Remove stored objects that no recorded run needs.';

const USAGE = `Usage: pipeline gc [--keep-last N] [--workspace DIR]

Removes objects that no recorded run and no current result needs. With
--keep-last N, only the last N runs of each pipeline file keep theirs;
older run records and their logs go too. Results in DuckDB stay.`;

/** `pipeline gc`: exit 0, 2 on a usage mistake. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        'keep-last': {type: 'string'},
        workspace: {type: 'string'},
        help: {type: 'boolean', short: 'h'},
      },
    });
  } catch (error) {
    writeErr(`pipeline gc: ${String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help === true) {
    writeOut(USAGE);
    return 0;
  }
  const keepText = parsed.values['keep-last'];
  const keepLast = keepText === undefined ? undefined : Number(keepText);
  if (
    keepLast !== undefined &&
    !(Number.isInteger(keepLast) && keepLast >= 1)
  ) {
    writeErr(
      `pipeline gc: --keep-last takes a whole number of at least 1, not "${keepText}"`,
    );
    return 2;
  }
  return collect(parsed.values.workspace, keepLast);
}

async function collect(
  explicit: string | undefined,
  keepLast: number | undefined,
): Promise<number> {
  const root = await findWorkspace(explicit);
  if (root === null) {
    writeOut('nothing to collect: no .pipeline/ here or above');
    return 0;
  }
  const lock = await acquireLock(join(stateDir(root), 'lock'), {
    wait: true,
    onWait: (pid) => {
      writeErr(`waiting for the run in progress (pid ${pid}) to finish...`);
    },
  });
  if ('busy' in lock) {
    return 1;
  }
  try {
    const report = await collectGarbage(root, keepLast);
    const mib = (report.bytes / 2 ** 20).toFixed(1);
    writeOut(
      `removed ${report.objects} objects (${mib} MiB), ${report.cacheEntries} cache entries, ` +
        `${report.runs} run records; ${report.keptObjects} objects kept`,
    );
    return 0;
  } finally {
    await lock.release();
  }
}
