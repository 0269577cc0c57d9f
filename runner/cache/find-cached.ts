import type {LocalStore} from '../../artifacts/local-store.js';
import type {Fingerprint} from './fingerprint.js';
import type {RunCache, RunCacheEntry} from './run-cache.js';
import type {InstanceState} from './workspace-state.js';

/** Where a cached result came from. */
export interface CachedResult {
  readonly entry: RunCacheEntry;
  /** True when it is what the last run left; false for an older one. */
  readonly current: boolean;
}

/**
 * The stored result for a fingerprint: the last state when it matches
 * (no extra read), else the run cache. A result whose objects are gone
 * (collected, deleted) does not count. Reads no object bytes.
 */
export async function findCached(
  store: LocalStore,
  runCache: RunCache,
  previous: InstanceState | undefined,
  fingerprint: Fingerprint,
): Promise<CachedResult | undefined> {
  const current = previous?.fingerprint === fingerprint;
  const entry = current ? previous.entry : await runCache.get(fingerprint);
  if (entry === undefined) {
    return undefined;
  }
  for (const output of Object.values(entry.outputs)) {
    if (!(await store.has(output.digest))) {
      return undefined;
    }
  }
  return {entry, current};
}
