import {createHash} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import type {MetricRecord} from '../../artifacts/metrics.js';
import type {
  ExecutionRequest,
  WorkerMessage,
  WorkerRequest,
} from './execution-request.js';
import {runChild} from './run-child.js';
import {timeoutOf} from './run-command-instance.js';
import {StageError} from './stage-error.js';

const WORKER = fileURLToPath(new URL('./stage-worker.js', import.meta.url));

/**
 * Runs a typed stage in a Node.js child (the stage worker), which loads
 * the implementation, so a crash or a leak there cannot take down the
 * runner. Log lines, progress and metrics come back over IPC.
 */
export async function runWorkerInstance(
  request: ExecutionRequest,
): Promise<MetricRecord[]> {
  const metrics: MetricRecord[] = [];
  let reported: string | undefined;
  const onMessage = (message: unknown): void => {
    const typed = message as WorkerMessage;
    if (typed.kind === 'metric') {
      metrics.push(typed.metric);
    } else if (typed.kind === 'error') {
      reported = typed.message;
    }
    request.report(typed);
  };
  try {
    await runChild({
      command: [WORKER],
      node: {request: workerRequest(request), onMessage},
      cwd: request.root,
      env: request.env,
      logFd: request.logFd,
      signal: request.signal,
      registry: request.registry,
      ...timeoutOf(request),
    });
  } catch (error) {
    throw withReported(error, reported);
  }
  return metrics;
}

function withReported(error: unknown, reported: string | undefined): unknown {
  if (error instanceof StageError && reported !== undefined) {
    return new StageError(`${reported} (${error.message})`, error.cancelled);
  }
  return error;
}

function workerRequest(request: ExecutionRequest): WorkerRequest {
  const {instance} = request;
  return {
    type: instance.type,
    instance: instance.id,
    params: instance.params,
    inputs: request.inputs,
    outputs: request.outputs,
    workspace: request.root,
    seed: seedOf(instance.id, instance.params),
    cores: request.cores,
    tempDir: request.tempDir,
  };
}

/** `with.seed` when given, else a stable number derived from the name. */
export function seedOf(
  instance: string,
  params: Readonly<Record<string, unknown>>,
): number {
  if (typeof params['seed'] === 'number') {
    return params['seed'];
  }
  const digest = createHash('sha256').update(instance).digest();
  return digest.readUInt32BE(0) & 0x7fffffff;
}
