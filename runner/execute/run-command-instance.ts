import {join} from 'node:path';
import type {MetricRecord} from '../../artifacts/metrics.js';
import {commandEnvironment} from '../../stages/command/command-environment.js';
import type {CommandParams} from '../../stages/command/definition.js';
import {
  MetricsFileError,
  readMetricsFile,
} from '../../stages/command/read-metrics-file.js';
import {
  collectOuts,
  MissingOutError,
  removeOuts,
} from '../../stages/command/workspace-outs.js';
import type {ExecutionRequest} from './execution-request.js';
import {runChild} from './run-child.js';
import {StageError} from './stage-error.js';

/**
 * Runs a `command` stage: its program is the stage's child process (no
 * worker in between), its outs are copied into the output folders after
 * it exits with 0, and its metrics file is read.
 */
export async function runCommandInstance(
  request: ExecutionRequest,
): Promise<MetricRecord[]> {
  const params = request.instance.params as CommandParams;
  await removeOuts(request.root, params.outs);
  await runChild({
    command: params.run,
    cwd: request.root,
    env: {
      ...commandEnvironment(params, request.inputs),
      ...request.env,
    },
    logFd: request.logFd,
    signal: request.signal,
    registry: request.registry,
    ...timeoutOf(request),
  });
  return finishCommand(request, params);
}

async function finishCommand(
  request: ExecutionRequest,
  params: CommandParams,
): Promise<MetricRecord[]> {
  try {
    await collectOuts(request.root, params.outs, request.outputs);
    return params.metrics === undefined
      ? []
      : await readMetricsFile(join(request.root, params.metrics));
  } catch (error) {
    if (error instanceof MissingOutError || error instanceof MetricsFileError) {
      throw new StageError(error.message);
    }
    throw error;
  }
}

/** The per-stage `timeout:` when the file gives one. */
export function timeoutOf(request: ExecutionRequest): {timeoutMs?: number} {
  const ms = request.instance.timeoutMs;
  return ms === undefined ? {} : {timeoutMs: ms};
}
