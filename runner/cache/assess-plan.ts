import {LocalStore} from '../../artifacts/local-store.js';
import type {CommandParams} from '../../stages/command/definition.js';
import type {Plan, PlannedInstance} from '../pipeline/plan.js';
import {documentOf, type StageVersions} from './document-of.js';
import {explainStaleness} from './explain-staleness.js';
import {findCached} from './find-cached.js';
import {computeFingerprint} from './fingerprint.js';
import {RunCache, type RunCacheEntry} from './run-cache.js';
import {StatCache} from './stat-cache.js';
import {readPipelineState, type PipelineState} from './workspace-state.js';

/** What a run would do with one instance, and why. */
export interface Verdict {
  readonly id: string;
  /** Nothing to do; restore from an earlier result; run it. */
  readonly state: 'up-to-date' | 'restorable' | 'stale';
  readonly reasons: readonly string[];
}

export interface AssessOptions {
  readonly force: ReadonlySet<string>;
  readonly versions: StageVersions;
  readonly backend: string | null;
}

interface Assessed {
  readonly verdict: Verdict;
  readonly entry?: RunCacheEntry;
}

interface Assessor {
  readonly plan: Plan;
  readonly options: AssessOptions;
  readonly store: LocalStore;
  readonly runCache: RunCache;
  readonly statCache: StatCache;
  readonly previous: PipelineState;
  /** Each instance's verdict and, unless stale, its outputs. */
  readonly assessed: Map<string, Promise<Assessed>>;
}

/**
 * Works out, without running or writing anything, which instances a run
 * would execute and why: for `pipeline status` and `run --dry-run`. A
 * stage downstream of a stale one is stale because its input will be new.
 */
export async function assessPlan(
  plan: Plan,
  options: AssessOptions,
): Promise<Verdict[]> {
  const assessor: Assessor = {
    plan,
    options,
    store: new LocalStore(plan.root),
    runCache: new RunCache(plan.root),
    statCache: await StatCache.load(plan.root),
    previous: await readPipelineState(plan.root, plan.file),
    assessed: new Map(),
  };
  // All at once, each waiting for its upstream: the stats overlap.
  for (const instance of plan.instances) {
    assessor.assessed.set(instance.id, assessInstance(assessor, instance));
  }
  const assessed = await Promise.all(assessor.assessed.values());
  return assessed.map((a) => a.verdict);
}

async function assessInstance(
  assessor: Assessor,
  instance: PlannedInstance,
): Promise<Assessed> {
  const {id} = instance;
  const previous = assessor.previous[id];
  const inputs = await knownInputs(assessor, instance);
  const document = await documentOf({
    instance,
    inputs: inputs.ok ? inputs.digests : (previous?.document.inputs ?? {}),
    statCache: assessor.statCache,
    versions: assessor.options.versions,
    backend: assessor.options.backend,
  });
  const changes = previous
    ? explainStaleness(previous.document, document)
    : ['never run'];
  if (!inputs.ok) {
    return stale(id, [...inputs.reasons, ...changes]);
  }
  if (
    assessor.options.force.has(instance.stage) ||
    assessor.options.force.has(id)
  ) {
    return stale(id, ['forced']);
  }
  const fingerprint = computeFingerprint(document);
  const cached = await findCached(
    assessor.store,
    assessor.runCache,
    previous,
    fingerprint,
  );
  if (cached === undefined) {
    const reasons =
      changes.length > 0 ? changes : ['outputs missing from the store'];
    return stale(id, reasons);
  }
  const verdict = await restorable(
    assessor,
    instance,
    cached.entry,
    cached.current,
  );
  return {verdict, entry: cached.entry};
}

function stale(id: string, reasons: readonly string[]): Assessed {
  return {verdict: {id, state: 'stale', reasons}};
}

async function restorable(
  assessor: Assessor,
  instance: PlannedInstance,
  entry: RunCacheEntry,
  current: boolean,
): Promise<Verdict> {
  const reasons = current ? [] : ['an earlier run has these results'];
  if (instance.type === 'command') {
    const {outs} = instance.params as CommandParams;
    for (const [port, path] of Object.entries(outs)) {
      const digest = await assessor.statCache.digestAsObject(path);
      if (digest !== entry.outputs[port]?.digest) {
        reasons.push(`out ${path} differs from the stored one`);
      }
    }
  }
  const state = reasons.length === 0 ? 'up-to-date' : 'restorable';
  return {id: instance.id, state, reasons};
}

type KnownInputs =
  | {ok: true; digests: Record<string, string[]>}
  | {ok: false; reasons: string[]};

async function knownInputs(
  assessor: Assessor,
  instance: PlannedInstance,
): Promise<KnownInputs> {
  const digests: Record<string, string[]> = {};
  const reasons = new Set<string>();
  for (const [port, bindings] of Object.entries(instance.inputs)) {
    for (const binding of bindings) {
      const upstream = await assessor.assessed.get(binding.instance);
      const digest = upstream?.entry?.outputs[binding.port]?.digest;
      if (digest === undefined) {
        reasons.add(`upstream ${binding.instance} will run`);
      } else {
        (digests[port] ??= []).push(digest);
      }
    }
  }
  return reasons.size === 0
    ? {ok: true, digests}
    : {ok: false, reasons: [...reasons]};
}
