import {getOneMessage, sendMessage} from 'execa';
import {findStage} from '../../stages/index.js';
import type {StageContext} from '../stage-definition.js';
import type {WorkerMessage, WorkerRequest} from './execution-request.js';

// The child side of a typed stage: receives one instance over IPC, runs
// it, reports through the parent, exits. It never prints: stdout and
// stderr go to the instance's log file anyway.

const abort = new AbortController();
process.on('SIGTERM', () => {
  abort.abort();
  setTimeout(() => process.exit(143), 1000).unref();
});

// Sends in flight, awaited before the channel closes so none is lost.
const pending = new Set<Promise<void>>();

function send(message: WorkerMessage): void {
  const sent = sendMessage(message as never).catch(() => undefined);
  pending.add(sent);
  void sent.finally(() => pending.delete(sent));
}

function contextFor(request: WorkerRequest): StageContext<unknown> {
  return {
    params: request.params,
    inputs: request.inputs,
    outputs: request.outputs,
    workspace: request.workspace,
    instance: request.instance,
    seed: request.seed,
    cores: request.cores,
    tempDir: request.tempDir,
    signal: abort.signal,
    log: (line) => {
      send({kind: 'log', line});
    },
    progress: (done, total, label) => {
      send({kind: 'progress', done, total, ...(label ? {label} : {})});
    },
    metric: (name, value, options) => {
      send({kind: 'metric', metric: {name, value, ...options}});
    },
  };
}

async function runStage(request: WorkerRequest): Promise<void> {
  const definition = findStage(request.type);
  if (definition === undefined) {
    throw new Error(`unknown stage type ${request.type}`);
  }
  const implementation = await definition.load();
  await implementation.run(contextFor(request) as never);
}

try {
  const request = (await getOneMessage()) as unknown as WorkerRequest;
  await runStage(request);
  await Promise.all(pending);
  process.disconnect();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${error instanceof Error ? error.stack : message}\n`);
  send({kind: 'error', message});
  await Promise.all(pending);
  process.exitCode = 1;
  process.disconnect();
}
