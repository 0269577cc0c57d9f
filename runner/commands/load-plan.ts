import {readFile} from 'node:fs/promises';
import {
  planKey,
  readCachedPlan,
  writeCachedPlan,
  type CachedPlan,
} from '../cache/plan-cache.js';
import {writeErr} from '../log/output.js';

/** A validated plan and the versions of the stage types it uses. */
export type LoadedPlan = Omit<CachedPlan, 'key'>;

/**
 * Loads and validates a pipeline file for a command, from the plan cache
 * when neither the file, the overrides nor the runner changed. On
 * problems the diagnostics go to stderr and nothing is written.
 */
export async function loadPlanOrReport(
  file: string,
  overrides: readonly string[],
): Promise<LoadedPlan | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const key =
    text === undefined ? undefined : await planKey(file, text, overrides);
  const cached =
    key === undefined ? undefined : await readCachedPlan(file, key);
  if (cached !== undefined) {
    return cached;
  }
  const loaded = await loadAndValidate(file, overrides);
  if (loaded !== undefined && key !== undefined) {
    await writeCachedPlan(file, {key, ...loaded});
  }
  return loaded;
}

// The loader (YAML, ajv) and the stage registry load only on a miss.
async function loadAndValidate(
  file: string,
  overrides: readonly string[],
): Promise<LoadedPlan | undefined> {
  const [{loadPipeline}, {formatDiagnostics}, {STAGES}] = await Promise.all([
    import('../pipeline/load-pipeline.js'),
    import('../pipeline/format-diagnostics.js'),
    import('../../stages/index.js'),
  ]);
  const loaded = await loadPipeline({file, overrides});
  if (!loaded.ok) {
    writeErr(formatDiagnostics(loaded.error, {color: process.stderr.isTTY}));
    return undefined;
  }
  const versions = Object.fromEntries(STAGES.map((s) => [s.name, s.version]));
  return {plan: loaded.value, versions};
}
