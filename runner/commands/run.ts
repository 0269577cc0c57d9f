import {mkdir} from 'node:fs/promises';
import {hostname} from 'node:os';
import {join} from 'node:path';
import {LocalStore, stateDir} from '../../artifacts/local-store.js';
import {assessPlan} from '../cache/assess-plan.js';
import {writeRunRecord} from '../cache/run-record.js';
import {writePipelineState} from '../cache/workspace-state.js';
import {objectsOf, recordOutcome} from '../execute/record-outcome.js';
import {createReporter} from '../log/create-reporter.js';
import {writeErr, writeOut} from '../log/output.js';
import type {Reporter} from '../log/run-event.js';
import type {RunRecorder, RunStatus} from '../metrics/recorder.js';
import type {Plan} from '../pipeline/plan.js';
import {
  runPlan,
  workspaceChildren,
  type RunOutcome,
} from '../schedule/run-plan.js';
import {
  checkStageNames,
  selectInstances,
} from '../schedule/select-instances.js';
import {readGitRev} from '../util/read-git-rev.js';
import {acquireLock} from '../util/workspace-lock.js';
import {formatDryRun} from './format-verdicts.js';
import {loadPlanOrReport, type LoadedPlan} from './load-plan.js';
import {
  parseRunArguments,
  RUN_USAGE,
  type RunArguments,
} from './run-arguments.js';

export const summary =
  'Run a pipeline: stale stages run, the rest come from the cache.';

/**
 * `pipeline run FILE`: exit 0 when every stage succeeded, 1 if not, 2 on
 * a usage or validation error, 130 when interrupted.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseRunArguments(argv);
  if (!parsed.ok) {
    writeErr(`pipeline run: ${parsed.error}\n\n${RUN_USAGE}`);
    return 2;
  }
  if (parsed.value === 'help') {
    writeOut(RUN_USAGE);
    return 0;
  }
  const args = parsed.value;
  const loaded = await loadSelectedPlan(args);
  if (loaded === undefined) {
    return 2;
  }
  return args.dryRun ? dryRun(loaded, args) : runLocked(loaded, args);
}

async function loadSelectedPlan(
  args: RunArguments,
): Promise<LoadedPlan | undefined> {
  const loaded = await loadPlanOrReport(args.file, args.sets);
  if (loaded === undefined) {
    return undefined;
  }
  const {plan, versions} = loaded;
  for (const [flag, names] of [
    ['--force', args.force],
    ['--only', args.only],
  ] as const) {
    const checked = checkStageNames(plan, flag, names);
    if (!checked.ok) {
      writeErr(`pipeline run: ${checked.error}`);
      return undefined;
    }
  }
  return {plan: selectInstances(plan, args.only), versions};
}

async function dryRun(
  {plan, versions}: LoadedPlan,
  args: RunArguments,
): Promise<number> {
  const verdicts = await assessPlan(plan, {
    force: new Set(args.force),
    versions,
    backend: args.backend,
  });
  writeOut(formatDryRun(verdicts));
  return 0;
}

async function runLocked(
  loaded: LoadedPlan,
  args: RunArguments,
): Promise<number> {
  const {plan} = loaded;
  await mkdir(stateDir(plan.root), {recursive: true});
  const lock = await acquireLock(join(stateDir(plan.root), 'lock'), {
    wait: args.wait,
    onWait: (pid) => {
      writeErr(`waiting for the run in progress (pid ${pid}) to finish...`);
    },
  });
  if ('busy' in lock) {
    writeErr(
      `pipeline run: another run (pid ${lock.busy}) holds ${plan.root}; ` +
        'wait for it or drop --no-wait',
    );
    return 1;
  }
  try {
    return await runWithLock(loaded, args);
  } finally {
    await lock.release();
  }
}

async function runWithLock(
  loaded: LoadedPlan,
  args: RunArguments,
): Promise<number> {
  const {plan} = loaded;
  const runId = newRunId();
  const startedAt = new Date();
  const recorder = startRecording(plan, args, runId, startedAt);
  // What a SIGKILLed run left: its stage processes, its temp folders.
  await workspaceChildren(plan.root).reapOrphans();
  await new LocalStore(plan.root).clearTemp();
  const reporter = createReporter(args.json);
  const {outcome, interrupted} = await runInterruptibly(
    loaded,
    args,
    runId,
    reporter,
  );
  const status = runStatus(outcome, interrupted);
  await saveRun(plan, runId, startedAt, status, outcome);
  await finishRecording(await recorder, plan, outcome, status);
  reporter.onEvent({
    type: 'run-end',
    reason: status === 'running' ? 'failed' : status,
    counts: outcome.counts,
    ms: Date.now() - startedAt.getTime(),
  });
  reporter.close();
  return status === 'succeeded' ? 0 : status === 'cancelled' ? 130 : 1;
}

async function runInterruptibly(
  {plan, versions}: LoadedPlan,
  args: RunArguments,
  runId: string,
  reporter: Reporter,
): Promise<{outcome: RunOutcome; interrupted: boolean}> {
  const abort = new AbortController();
  let interrupted = false;
  const stop = (): void => {
    interrupted = true;
    abort.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const outcome = await runPlan({
      plan,
      runId,
      reporter,
      abort,
      options: {
        jobs: args.jobs,
        devices: args.devices,
        keepGoing: args.keepGoing,
        force: new Set(args.force),
        versions,
        backend: args.backend,
      },
    });
    return {outcome, interrupted};
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function runStatus(outcome: RunOutcome, interrupted: boolean): RunStatus {
  if (interrupted) {
    return 'cancelled';
  }
  const {failed, skipped} = outcome.counts;
  return failed > 0 || skipped > 0 ? 'failed' : 'succeeded';
}

async function saveRun(
  plan: Plan,
  runId: string,
  startedAt: Date,
  status: RunStatus,
  outcome: RunOutcome,
): Promise<void> {
  if (outcome.stateChanged) {
    await writePipelineState(plan.root, plan.file, outcome.state);
  }
  await writeRunRecord(plan.root, {
    runId,
    pipeline: plan.pipeline,
    file: plan.file,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    status,
    objects: objectsOf(outcome.results),
  });
}

/** Opens the recorder while the run starts; DuckDB loads meanwhile. */
async function startRecording(
  plan: Plan,
  args: RunArguments,
  runId: string,
  startedAt: Date,
): Promise<RunRecorder> {
  const {openRunRecorder} = await import('../metrics/open-run-recorder.js');
  const recorder = await openRunRecorder(plan.root);
  await recorder.startRun({
    runId,
    pipeline: plan.pipeline,
    file: plan.file,
    startedAt,
    overrides: plan.overrides,
    gitRev: await readGitRev(plan.root),
    host: hostname(),
    backend: args.backend,
  });
  return recorder;
}

async function finishRecording(
  recorder: RunRecorder,
  plan: Plan,
  outcome: RunOutcome,
  status: RunStatus,
): Promise<void> {
  try {
    await recordOutcome(recorder, plan, outcome.results);
    await recorder.handOff(status);
  } finally {
    await recorder.close();
  }
}

/** Sortable and readable: `20261203-141414-3f2a`. */
function newRunId(): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .slice(0, 15);
  const suffix = Math.floor(Math.random() * 0x10000)
    .toString(16)
    .padStart(4, '0');
  return `${stamp}-${suffix}`;
}
