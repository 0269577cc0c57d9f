import {mkdir, rm} from 'node:fs/promises';
import {availableParallelism} from 'node:os';
import {join} from 'node:path';
import type {MetricRecord} from '../../artifacts/metrics.js';
import type {Fingerprint, FingerprintDocument} from '../cache/fingerprint.js';
import type {RunCacheEntry, StoredOutput} from '../cache/run-cache.js';
import type {PlannedInstance} from '../pipeline/plan.js';
import type {Slot} from '../schedule/lanes.js';
import type {InstanceResult, RunContext} from '../schedule/run-context.js';
import type {ExecutionRequest, WorkerMessage} from './execution-request.js';
import {InstanceLog} from './instance-log.js';
import {runCommandInstance} from './run-command-instance.js';
import {runWorkerInstance} from './run-worker-instance.js';
import {StageError} from './stage-error.js';

/** One instance to run, with what the fingerprint says about it. */
export interface Execution {
  readonly instance: PlannedInstance;
  readonly fingerprint: Fingerprint;
  readonly document: FingerprintDocument;
  readonly inputs: ExecutionRequest['inputs'];
}

/**
 * Runs an instance in its lane with its retries, then commits its
 * outputs to the store and the run cache. Nothing is committed unless an
 * attempt succeeds.
 */
export async function executeInstance(
  context: RunContext,
  execution: Execution,
): Promise<InstanceResult> {
  const {instance} = execution;
  context.reporter.onEvent({
    type: 'queued',
    instance: instance.id,
    lane: instance.lane,
  });
  return context.lanes.add(instance.lane, (slot) =>
    runAttempts(context, execution, slot),
  );
}

async function runAttempts(
  context: RunContext,
  execution: Execution,
  slot: Slot,
): Promise<InstanceResult> {
  const startedAt = new Date();
  const attempts = execution.instance.retry + 1;
  let error = 'not started';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (context.abort.signal.aborted) {
      return cancelled(context, execution, startedAt);
    }
    const outcome = await runAttempt(context, execution, slot, attempt);
    if (outcome.ok) {
      return {
        ...resultOf(execution, outcome.entry),
        startedAt,
        durationMs: since(startedAt),
      };
    }
    if (outcome.cancelled) {
      return cancelled(context, execution, startedAt);
    }
    error = outcome.error;
  }
  if (!context.options.keepGoing) {
    context.abort.abort(); // Fail fast: start nothing new, stop the rest.
  }
  return ended('failed', startedAt, error);
}

function cancelled(
  context: RunContext,
  execution: Execution,
  startedAt: Date,
): InstanceResult {
  const instance = execution.instance.id;
  const reason = 'cancelled';
  context.reporter.onEvent({type: 'skipped', instance, reason});
  return ended('cancelled', startedAt, reason);
}

type AttemptOutcome =
  | {ok: true; entry: RunCacheEntry}
  | {ok: false; cancelled: boolean; error: string};

async function runAttempt(
  context: RunContext,
  execution: Execution,
  slot: Slot,
  attempt: number,
): Promise<AttemptOutcome> {
  const id = execution.instance.id;
  const started = Date.now();
  context.reporter.onEvent({
    type: 'started',
    instance: id,
    attempt,
    ...deviceOf(slot),
  });
  const temp = await context.store.createTemp();
  const log = await InstanceLog.open(context.logDir, id);
  try {
    const entry = await attemptIn(context, execution, slot, temp, log);
    context.reporter.onEvent({
      type: 'succeeded',
      instance: id,
      durationMs: Date.now() - started,
    });
    return {ok: true, entry};
  } catch (thrown) {
    return reportFailure(context, execution, attempt, thrown, log);
  } finally {
    log.close();
    await rm(temp, {recursive: true, force: true});
  }
}

async function attemptIn(
  context: RunContext,
  execution: Execution,
  slot: Slot,
  temp: string,
  log: InstanceLog,
): Promise<RunCacheEntry> {
  const request = await prepareRequest(context, execution, slot, temp, log);
  const metrics = await runExecutor(request);
  const outputs = await commitOutputs(context, request.outputs);
  const entry = {outputs, metrics};
  await context.runCache.put(execution.fingerprint, entry);
  return entry;
}

async function runExecutor(request: ExecutionRequest): Promise<MetricRecord[]> {
  return request.instance.type === 'command'
    ? runCommandInstance(request)
    : runWorkerInstance(request);
}

async function prepareRequest(
  context: RunContext,
  execution: Execution,
  slot: Slot,
  temp: string,
  log: InstanceLog,
): Promise<ExecutionRequest> {
  const {instance} = execution;
  const outputs: Record<string, string> = {};
  for (const port of Object.keys(instance.outputPorts)) {
    outputs[port] = join(temp, 'out', port);
    await mkdir(outputs[port], {recursive: true});
  }
  const tempDir = join(temp, 'scratch');
  await mkdir(tempDir);
  return {
    instance,
    root: context.plan.root,
    inputs: execution.inputs,
    outputs,
    tempDir,
    logFd: log.fd,
    env: childEnvironment(context, slot),
    cores: coresFor(context, slot),
    signal: context.abort.signal,
    registry: context.children,
    report: (message) => {
      forward(context, instance.id, message, log);
    },
  };
}

async function commitOutputs(
  context: RunContext,
  folders: Readonly<Record<string, string>>,
): Promise<Record<string, StoredOutput>> {
  const outputs: Record<string, StoredOutput> = {};
  for (const [port, folder] of Object.entries(folders)) {
    outputs[port] = await context.store.commit(folder);
  }
  return outputs;
}

function childEnvironment(
  context: RunContext,
  slot: Slot,
): Record<string, string> {
  const env: Record<string, string> = {PIPELINE_RUN_ID: context.runId};
  if (context.options.backend !== null) {
    env['PIPELINE_BACKEND'] = context.options.backend;
  }
  if (slot.device !== undefined) {
    env['CUDA_VISIBLE_DEVICES'] = slot.device;
  }
  return env;
}

function coresFor(context: RunContext, slot: Slot): number {
  const cores = availableParallelism();
  return slot.lane === 'cpu'
    ? Math.max(1, Math.floor(cores / context.options.jobs))
    : cores;
}

function forward(
  context: RunContext,
  instance: string,
  message: WorkerMessage,
  log: InstanceLog,
): void {
  switch (message.kind) {
    case 'log':
      log.write(message.line);
      context.reporter.onEvent({type: 'log', instance, line: message.line});
      return;
    case 'progress':
      context.reporter.onEvent({
        type: 'progress',
        instance,
        done: message.done,
        total: message.total,
      });
      return;
    case 'metric':
      context.reporter.onEvent({
        type: 'metric',
        instance,
        metric: message.metric,
      });
      return;
    case 'error':
      log.write(`error: ${message.message}`);
  }
}

function reportFailure(
  context: RunContext,
  execution: Execution,
  attempt: number,
  thrown: unknown,
  log: InstanceLog,
): AttemptOutcome {
  const cancelled = thrown instanceof StageError && thrown.cancelled;
  const error =
    thrown instanceof StageError ? thrown.message : describeUnexpected(thrown);
  if (!cancelled) {
    context.reporter.onEvent({
      type: 'failed',
      instance: execution.instance.id,
      attempt,
      willRetry:
        attempt <= execution.instance.retry && !context.abort.signal.aborted,
      error,
      logTail: log.tail(),
      logFile: log.path,
    });
  }
  return {ok: false, cancelled, error};
}

function describeUnexpected(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

function deviceOf(slot: Slot): {device?: string} {
  return slot.device === undefined ? {} : {device: slot.device};
}

function resultOf(
  execution: Execution,
  entry: RunCacheEntry,
): Omit<InstanceResult, 'startedAt' | 'durationMs'> {
  const {fingerprint, document} = execution;
  return {status: 'succeeded', fingerprint, document, entry};
}

/** A result for an instance that did not produce outputs. */
export function ended(
  status: InstanceResult['status'],
  startedAt: Date,
  error?: string,
): InstanceResult {
  return {
    status,
    startedAt,
    durationMs: since(startedAt),
    ...(error === undefined ? {} : {error}),
  };
}

function since(start: Date): number {
  return Date.now() - start.getTime();
}
