import type {RunCacheEntry} from '../cache/run-cache.js';
import type {PlannedInstance} from '../pipeline/plan.js';
import type {RunContext} from '../schedule/run-context.js';
import type {CommandParams} from '../../stages/command/definition.js';
import {restoreOut} from '../../stages/command/workspace-outs.js';

/** What restoring a cached command's outs found. */
export type RestoreOutcome =
  {ok: true; restored: string[]} | {ok: false; corrupt: string};

/**
 * On a cache hit, puts back each workspace out that is missing or differs
 * from the stored one. Unchanged outs cost a stat (the stat cache); a
 * stored object is verified before it is copied out.
 */
export async function restoreCommandOuts(
  context: RunContext,
  instance: PlannedInstance,
  entry: RunCacheEntry,
): Promise<RestoreOutcome> {
  if (instance.type !== 'command') {
    return {ok: true, restored: []};
  }
  const {outs} = instance.params as CommandParams;
  const restored: string[] = [];
  for (const [port, path] of Object.entries(outs)) {
    const digest = entry.outputs[port]?.digest;
    if (digest === undefined) {
      throw new Error(`Internal error: cache entry lacks out ${port}`);
    }
    if ((await context.statCache.digestAsObject(path)) === digest) {
      continue;
    }
    if (!(await context.store.verify(digest))) {
      return {ok: false, corrupt: digest};
    }
    await restoreOut(context.store.path(digest), context.plan.root, path);
    await context.statCache.digestAsObject(path);
    restored.push(path);
  }
  return {ok: true, restored};
}

/** Records the digests of a command's fresh outs in the stat cache. */
export async function noteCommandOuts(
  context: RunContext,
  instance: PlannedInstance,
): Promise<void> {
  if (instance.type === 'command') {
    const {outs} = instance.params as CommandParams;
    for (const path of Object.values(outs)) {
      await context.statCache.digestAsObject(path);
    }
  }
}
