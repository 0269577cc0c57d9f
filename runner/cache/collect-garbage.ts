import {readdir, readFile, rm} from 'node:fs/promises';
import {join} from 'node:path';
import {stateDir} from '../../artifacts/local-store.js';
import {hashFolder} from '../../artifacts/folder-digest.js';
import type {RunCacheEntry} from './run-cache.js';
import {readRunRecords, type RunRecord} from './run-record.js';
import type {PipelineState} from './workspace-state.js';

/** What `pipeline gc` removed. */
export interface GcReport {
  readonly objects: number;
  readonly bytes: number;
  readonly cacheEntries: number;
  readonly runs: number;
  readonly keptObjects: number;
}

/**
 * Removes every object that no kept run and no current state needs, the
 * run cache entries that pointed at them, and run records (with their
 * logs) beyond the last `keepLast` of each pipeline.
 */
export async function collectGarbage(
  root: string,
  keepLast: number | undefined,
): Promise<GcReport> {
  const {kept, dropped} = splitRuns(await readRunRecords(root), keepLast);
  const needed = new Set(kept.flatMap((run) => run.objects));
  for (const digest of await stateObjects(root)) {
    needed.add(digest);
  }
  const removed = await removeObjects(root, needed);
  const cacheEntries = await removeCacheEntries(root, needed);
  await removeRuns(root, dropped);
  return {
    ...removed,
    cacheEntries,
    runs: dropped.length,
    keptObjects: needed.size,
  };
}

function splitRuns(
  runs: readonly RunRecord[],
  keepLast: number | undefined,
): {kept: RunRecord[]; dropped: RunRecord[]} {
  if (keepLast === undefined) {
    return {kept: [...runs], dropped: []};
  }
  const byPipeline = new Map<string, RunRecord[]>();
  for (const run of runs) {
    const list = byPipeline.get(run.file) ?? [];
    byPipeline.set(run.file, [...list, run]);
  }
  const kept = [...byPipeline.values()].flatMap((list) =>
    list.slice(-keepLast),
  );
  return {kept, dropped: runs.filter((run) => !kept.includes(run))};
}

async function stateObjects(root: string): Promise<string[]> {
  const folder = join(stateDir(root), 'state');
  const digests: string[] = [];
  for (const name of await readdir(folder).catch(() => [])) {
    if (name === 'stat-cache.json' || !name.endsWith('.json')) {
      continue;
    }
    const state = JSON.parse(
      await readFile(join(folder, name), 'utf8'),
    ) as PipelineState;
    for (const instance of Object.values(state)) {
      digests.push(...outputDigests(instance.entry));
    }
  }
  return digests;
}

async function removeObjects(
  root: string,
  needed: ReadonlySet<string>,
): Promise<{objects: number; bytes: number}> {
  const objects = join(stateDir(root), 'objects');
  let count = 0;
  let bytes = 0;
  for (const shard of await readdir(objects).catch(() => [])) {
    for (const digest of await readdir(join(objects, shard))) {
      if (!needed.has(digest)) {
        const folder = join(objects, shard, digest);
        bytes += (await hashFolder(folder).catch(() => ({bytes: 0}))).bytes;
        await rm(folder, {recursive: true, force: true});
        count++;
      }
    }
  }
  return {objects: count, bytes};
}

async function removeCacheEntries(
  root: string,
  needed: ReadonlySet<string>,
): Promise<number> {
  const cache = join(stateDir(root), 'cache');
  let count = 0;
  for (const shard of await readdir(cache).catch(() => [])) {
    for (const name of await readdir(join(cache, shard))) {
      const file = join(cache, shard, name);
      const entry = await readEntry(file);
      if (
        entry === undefined ||
        !outputDigests(entry).every((d) => needed.has(d))
      ) {
        await rm(file, {force: true});
        count++;
      }
    }
  }
  return count;
}

async function readEntry(file: string): Promise<RunCacheEntry | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as RunCacheEntry;
  } catch {
    return undefined;
  }
}

async function removeRuns(
  root: string,
  runs: readonly RunRecord[],
): Promise<void> {
  for (const run of runs) {
    await rm(join(stateDir(root), 'runs', `${run.runId}.json`), {force: true});
    await rm(join(stateDir(root), 'logs', run.runId), {
      recursive: true,
      force: true,
    });
  }
}

function outputDigests(entry: RunCacheEntry): string[] {
  return Object.values(entry.outputs).map((output) => output.digest);
}
