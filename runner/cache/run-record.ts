import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {stateDir} from '../../artifacts/local-store.js';
import type {RunStatus} from '../metrics/recorder.js';
import {writeFileAtomic} from '../util/write-file-atomic.js';

/**
 * What a run needed from the store, kept in `.pipeline/runs/<run>.json`
 * so that `pipeline gc` knows which objects to keep without DuckDB.
 */
export interface RunRecord {
  readonly runId: string;
  readonly pipeline: string;
  readonly file: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly status: RunStatus;
  /** Every object digest the run produced or restored. */
  readonly objects: readonly string[];
}

function runsDir(root: string): string {
  return join(stateDir(root), 'runs');
}

export async function writeRunRecord(
  root: string,
  record: RunRecord,
): Promise<void> {
  const file = join(runsDir(root), `${record.runId}.json`);
  await writeFileAtomic(file, JSON.stringify(record));
}

/** Every recorded run, oldest first; unreadable records are skipped. */
export async function readRunRecords(root: string): Promise<RunRecord[]> {
  const names = await readdir(runsDir(root)).catch(() => []);
  const records: RunRecord[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const text = await readFile(join(runsDir(root), name), 'utf8');
    try {
      records.push(JSON.parse(text) as RunRecord);
    } catch {
      // A record cut short by a crash protects nothing.
    }
  }
  return records.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}
