import {spawn} from 'node:child_process';
import {
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {writePending} from './duckdb-writer.js';
import type {PendingWrite} from './pending-write.js';

// A run's last batch of rows is handed to a detached importer instead of
// being written before the runner exits: loading DuckDB, opening the file
// and checkpointing it would otherwise double the time of a no-op run.
// Readers import whatever is still pending before they read, so every
// query sees every finished run.

const SUFFIX = '.json';
const CLAIM = '.importing-';

/** Folder of hand-offs beside `results.duckdb` (`path` is that file). */
function pendingDir(resultsFile: string): string {
  return join(dirname(resultsFile), 'pending');
}

/** Saves `pending` atomically (temp file, then rename) for an importer. */
export async function savePendingRun(
  resultsFile: string,
  pending: PendingWrite,
): Promise<void> {
  const dir = pendingDir(resultsFile);
  await mkdir(dir, {recursive: true});
  const name = `${pending.runId}-${Date.now()}${SUFFIX}`;
  const temp = join(dir, `.${name}.tmp`);
  await writeFile(temp, JSON.stringify(pending));
  await rename(temp, join(dir, name));
}

/** Starts an importer that outlives this process. */
export function startImporter(resultsFile: string): void {
  const main = fileURLToPath(
    new URL('./import-pending-main.js', import.meta.url),
  );
  const child = spawn(process.execPath, [main, resultsFile], {
    detached: true,
    stdio: 'ignore',
  });
  child.on('error', () => undefined);
  child.unref();
}

/**
 * Writes every pending hand-off into DuckDB, oldest first, and waits for
 * those another live process is importing. A claim by a dead process is
 * taken back.
 */
export async function importPendingRuns(
  resultsFile: string,
  lockTimeoutMs = 30_000,
): Promise<void> {
  const dir = pendingDir(resultsFile);
  const deadline = Date.now() + lockTimeoutMs;
  for (;;) {
    const names = await listPending(dir);
    const open = names.filter((name) => name.endsWith(SUFFIX)).sort();
    for (const name of open) {
      await importOne(resultsFile, dir, name, lockTimeoutMs);
    }
    const claimed = names.filter((name) => name.includes(CLAIM));
    if (claimed.length === 0 || Date.now() > deadline) return;
    await releaseDeadClaims(dir, claimed);
    await sleep(25);
  }
}

async function listPending(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => !name.startsWith('.'));
  } catch {
    return [];
  }
}

async function importOne(
  resultsFile: string,
  dir: string,
  name: string,
  lockTimeoutMs: number,
): Promise<void> {
  const claimed = join(dir, `${name}${CLAIM}${process.pid}`);
  try {
    await rename(join(dir, name), claimed);
  } catch {
    return; // another importer took it
  }
  try {
    const raw = JSON.parse(await readFile(claimed, 'utf8')) as Json;
    const pending = revive(raw);
    await writePending(resultsFile, pending, lockTimeoutMs);
    await rm(claimed, {force: true});
  } catch (error) {
    await rename(claimed, join(dir, name)).catch(() => undefined);
    throw error;
  }
}

async function releaseDeadClaims(dir: string, claimed: string[]) {
  for (const name of claimed) {
    const [original, pid] = name.split(CLAIM);
    if (original !== undefined && !isAlive(Number(pid))) {
      await rename(join(dir, name), join(dir, original)).catch(() => undefined);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Json = Record<string, unknown>;

/** JSON turned the dates into strings; the writer needs them back. */
function revive(raw: Json): PendingWrite {
  const date = (value: unknown) =>
    typeof value === 'string' ? new Date(value) : null;
  const run = raw['insertRun'] as Json | null;
  const stages = raw['stages'] as Json[];
  return {
    ...(raw as unknown as PendingWrite),
    finishedAt: date(raw['finishedAt']),
    insertRun:
      run === null
        ? null
        : ({...run, startedAt: date(run['startedAt'])} as never),
    stages: stages.map(
      (stage) => ({...stage, startedAt: date(stage['startedAt'])}) as never,
    ),
  };
}
