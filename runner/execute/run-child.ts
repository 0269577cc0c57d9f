import {execa, execaNode, type ResultPromise} from 'execa';
import type {ChildRegistry} from './child-registry.js';
import {StageError} from './stage-error.js';

// After SIGTERM, a child gets this long to exit before SIGKILL.
const KILL_GRACE_MS = 2000;

/** How to start one stage process and where its output goes. */
export interface ChildSpec {
  /** A program and its arguments, or one shell command line. */
  readonly command: readonly string[] | string;
  /** Run `command[0]` as a Node.js module with an IPC channel. */
  readonly node?: NodeChannel;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** File descriptor of the instance's log: stdout and stderr go there. */
  readonly logFd: number;
  readonly signal: AbortSignal;
  readonly timeoutMs?: number;
  /** Keeps the child's pid on disk while it runs (see ChildRegistry). */
  readonly registry?: ChildRegistry;
}

/** The IPC side of a stage worker. */
export interface NodeChannel {
  readonly request: unknown;
  onMessage(message: unknown): void;
}

/**
 * Runs one stage process to its end. The child leads its own process
 * group, so a timeout or a cancellation stops everything it started, not
 * only a shell. Throws a {@link StageError} unless it exits with 0.
 */
export async function runChild(spec: ChildSpec): Promise<void> {
  const child = startChild(spec);
  const pid = child.pid;
  if (pid !== undefined) {
    await spec.registry?.add(pid);
  }
  const stopper = new ChildStopper(pid);
  const timer = startTimeout(spec.timeoutMs, stopper);
  const onAbort = (): void => {
    stopper.stop('cancel');
  };
  spec.signal.addEventListener('abort', onAbort, {once: true});
  if (spec.signal.aborted) {
    onAbort();
  }
  try {
    await talkToChild(child, spec.node);
    const result = await child;
    throwIfFailed(result, stopper.reason, spec.timeoutMs);
  } finally {
    clearTimeout(timer);
    spec.signal.removeEventListener('abort', onAbort);
    if (pid !== undefined) {
      await spec.registry?.remove(pid);
    }
  }
}

function startChild(spec: ChildSpec): ResultPromise {
  const options = {
    cwd: spec.cwd,
    env: spec.env,
    // Any open descriptor works at run time; the types list only 1-9.
    stdio: ['ignore', spec.logFd as 1, spec.logFd as 1],
    detached: true,
    reject: false,
    buffer: false,
  } as const;
  if (typeof spec.command === 'string') {
    return execa(spec.command, {...options, shell: true});
  }
  const [file = '', ...args] = spec.command;
  if (spec.node !== undefined) {
    return execaNode(file, args, {...options, serialization: 'json'});
  }
  return execa(file, args, options);
}

async function talkToChild(
  child: ResultPromise,
  channel: NodeChannel | undefined,
): Promise<void> {
  if (channel === undefined) {
    return;
  }
  try {
    await child.sendMessage?.(channel.request as never);
  } catch {
    return; // The child died before listening; its exit says why.
  }
  for await (const message of child.getEachMessage?.() ?? []) {
    channel.onMessage(message);
  }
}

function startTimeout(
  timeoutMs: number | undefined,
  stopper: ChildStopper,
): NodeJS.Timeout | undefined {
  if (timeoutMs === undefined) {
    return undefined;
  }
  return setTimeout(() => {
    stopper.stop('timeout');
  }, timeoutMs);
}

function throwIfFailed(
  result: {exitCode?: number; signal?: string; failed: boolean},
  stopped: 'cancel' | 'timeout' | undefined,
  timeoutMs: number | undefined,
): void {
  if (stopped === 'cancel') {
    throw new StageError('cancelled', true);
  }
  if (stopped === 'timeout') {
    throw new StageError(`timed out after ${timeoutMs} ms`);
  }
  if (result.signal !== undefined) {
    throw new StageError(`killed by ${result.signal}`);
  }
  if (result.failed) {
    throw new StageError(`exit code ${result.exitCode ?? 'unknown'}`);
  }
}

/** Terminates a child's process group once, then kills it if it lingers. */
class ChildStopper {
  readonly #pid: number | undefined;
  reason: 'cancel' | 'timeout' | undefined;

  constructor(pid: number | undefined) {
    this.#pid = pid;
  }

  stop(reason: 'cancel' | 'timeout'): void {
    if (this.reason !== undefined) {
      return;
    }
    this.reason = reason;
    this.#signal('SIGTERM');
    setTimeout(() => {
      this.#signal('SIGKILL');
    }, KILL_GRACE_MS).unref();
  }

  #signal(signal: NodeJS.Signals): void {
    if (this.#pid === undefined) {
      return;
    }
    try {
      process.kill(-this.#pid, signal);
    } catch {
      // The group is gone already.
    }
  }
}
