import {readFile, stat} from 'node:fs/promises';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {stateDir} from '../../artifacts/local-store.js';
import type {Plan} from '../pipeline/plan.js';
import {canonicalJson} from '../util/canonical-json.js';
import {hashText} from '../util/hash-file.js';
import {writeFileAtomic} from '../util/write-file-atomic.js';
import type {StageVersions} from './document-of.js';

/** A validated plan as the last load of the same file left it. */
export interface CachedPlan {
  readonly key: string;
  readonly plan: Plan;
  readonly versions: StageVersions;
}

// The build of the runner: any rebuild (a loader fix, a new stage
// schema) changes this file's mtime and so invalidates every cached plan.
const BUILD_INFO = fileURLToPath(
  new URL('../../.tsbuildinfo', import.meta.url),
);

/**
 * The key of a plan: the file's path and text, the `--set` overrides and
 * the build of the runner. Undefined when the build cannot be identified;
 * then nothing is cached.
 */
export async function planKey(
  file: string,
  text: string,
  overrides: readonly string[],
): Promise<string | undefined> {
  const build = await stat(BUILD_INFO).catch(() => undefined);
  if (build === undefined) {
    return undefined;
  }
  const path = resolve(file);
  const parts = {path, text, overrides, build: [build.mtimeMs, build.size]};
  return hashText(canonicalJson(parts));
}

/**
 * The plan validated last time for this key, so that a no-op run skips
 * parsing and validating the YAML (most of its time on a big pipeline).
 */
export async function readCachedPlan(
  file: string,
  key: string,
): Promise<CachedPlan | undefined> {
  try {
    const text = await readFile(planCacheFile(file), 'utf8');
    const cached = JSON.parse(text) as CachedPlan;
    return cached.key === key ? cached : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a plan for the next load; only in an existing workspace. */
export async function writeCachedPlan(
  file: string,
  cached: CachedPlan,
): Promise<void> {
  const root = dirname(resolve(file));
  const exists = await stat(stateDir(root)).catch(() => undefined);
  if (exists?.isDirectory() === true) {
    await writeFileAtomic(planCacheFile(file), JSON.stringify(cached));
  }
}

function planCacheFile(file: string): string {
  const absolute = resolve(file);
  const name = absolute.slice(dirname(absolute).length + 1);
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return join(stateDir(dirname(absolute)), 'state', 'plans', `${safe}.json`);
}
