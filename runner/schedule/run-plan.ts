import {join} from 'node:path';
import {LocalStore, stateDir} from '../../artifacts/local-store.js';
import {RunCache} from '../cache/run-cache.js';
import {StatCache} from '../cache/stat-cache.js';
import {
  readPipelineState,
  type PipelineState,
} from '../cache/workspace-state.js';
import type {Reporter, RunCounts} from '../log/run-event.js';
import type {Plan} from '../pipeline/plan.js';
import {ChildRegistry} from '../execute/child-registry.js';
import {Lanes} from './lanes.js';
import type {InstanceResult, RunContext, RunOptions} from './run-context.js';
import {settleInstance} from './settle-instance.js';

/** What `runPlan` needs besides the plan. */
export interface RunSetup {
  readonly plan: Plan;
  readonly runId: string;
  readonly options: RunOptions;
  readonly reporter: Reporter;
  /** Aborting it stops the run: Ctrl-C, SIGTERM. */
  readonly abort: AbortController;
}

/** Each instance's result, in plan order, and the state to keep. */
export interface RunOutcome {
  readonly results: ReadonlyMap<string, InstanceResult>;
  readonly counts: RunCounts;
  /** The previous state updated with every instance that has outputs. */
  readonly state: PipelineState;
  /** False when every instance kept its last fingerprint (a no-op run). */
  readonly stateChanged: boolean;
}

/**
 * Runs a plan: every instance settles as soon as its upstream has, cache
 * hits in this process, misses in their lane as child processes.
 */
export async function runPlan(setup: RunSetup): Promise<RunOutcome> {
  const context = await createContext(setup);
  setup.reporter.onEvent({
    type: 'run-start',
    runId: setup.runId,
    pipeline: setup.plan.pipeline,
    instances: setup.plan.instances.length,
  });
  for (const instance of setup.plan.instances) {
    context.results.set(instance.id, settleInstance(context, instance));
  }
  const results = await settleAll(context);
  await context.statCache.save();
  return {
    results,
    counts: countResults(results),
    state: nextState(context.previous, results),
    stateChanged: [...results].some(
      ([id, r]) => r.fingerprint !== context.previous[id]?.fingerprint,
    ),
  };
}

async function createContext(setup: RunSetup): Promise<RunContext> {
  const {plan, options} = setup;
  const [statCache, previous] = await Promise.all([
    StatCache.load(plan.root),
    readPipelineState(plan.root, plan.file),
  ]);
  return {
    runId: setup.runId,
    plan,
    byId: new Map(plan.instances.map((i) => [i.id, i])),
    options,
    store: new LocalStore(plan.root),
    runCache: new RunCache(plan.root),
    statCache,
    previous,
    lanes: new Lanes(options),
    reporter: setup.reporter,
    abort: setup.abort,
    logDir: join(stateDir(plan.root), 'logs', setup.runId),
    children: workspaceChildren(plan.root),
    results: new Map(),
    verified: new Map(),
    recomputes: new Map(),
  };
}

/** The registry of stage processes running in a workspace. */
export function workspaceChildren(root: string): ChildRegistry {
  return new ChildRegistry(join(stateDir(root), 'children'));
}

/** Waits until no result is replaced any more (recomputed producers). */
async function settleAll(
  context: RunContext,
): Promise<Map<string, InstanceResult>> {
  for (;;) {
    const pending = [...context.results];
    const settled = await Promise.all(pending.map(([, p]) => p));
    if (pending.every(([id, p]) => context.results.get(id) === p)) {
      return new Map(
        pending.map(([id], i) => [id, settled[i] as InstanceResult]),
      );
    }
  }
}

function countResults(results: ReadonlyMap<string, InstanceResult>): RunCounts {
  const counts: RunCounts = {ran: 0, cached: 0, failed: 0, skipped: 0};
  for (const {status} of results.values()) {
    if (status === 'succeeded') {
      counts.ran++;
    } else if (status === 'cached') {
      counts.cached++;
    } else if (status === 'failed') {
      counts.failed++;
    } else {
      counts.skipped++;
    }
  }
  return counts;
}

function nextState(
  previous: PipelineState,
  results: ReadonlyMap<string, InstanceResult>,
): PipelineState {
  // Instances outside this run (`--only`) keep what they had.
  const state: PipelineState = {...previous};
  for (const [id, result] of results) {
    const {fingerprint, document, entry} = result;
    if (fingerprint && document && entry) {
      state[id] = {fingerprint, document, entry};
    }
  }
  return state;
}
