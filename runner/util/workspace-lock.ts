import {readFile, stat, unlink, writeFile} from 'node:fs/promises';
import {unlinkSync, readFileSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';

const POLL_MS = 100;
// A lock file still empty after this long was left by a writer that died.
const EMPTY_LOCK_MS = 2000;
// A take-over guard older than this was left by a process that died.
const STALE_GUARD_MS = 5000;

/** A held lock; `release` is safe to call more than once. */
export interface HeldLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** Wait for the holder to finish instead of giving up. */
  readonly wait: boolean;
  /** Called once when waiting starts, with the holder's pid. */
  readonly onWait: (pid: number) => void;
}

/**
 * Takes the lock file (its content: the holder's pid). A lock whose pid
 * is dead is taken over, so a killed run never blocks the next one.
 * Resolves to the holder's pid when busy and not waiting.
 */
export async function acquireLock(
  file: string,
  options: LockOptions,
): Promise<HeldLock | {busy: number}> {
  let announced = false;
  for (;;) {
    if (await tryCreate(file)) {
      return heldLock(file);
    }
    const holder = await readHolder(file);
    if (holder === 'dead') {
      await takeOver(file);
      continue;
    }
    if (holder !== 'unknown') {
      if (!options.wait) {
        return {busy: holder};
      }
      if (!announced) {
        options.onWait(holder);
        announced = true;
      }
    }
    await sleep(POLL_MS);
  }
}

async function tryCreate(file: string): Promise<boolean> {
  try {
    await writeFile(file, String(process.pid), {flag: 'wx'});
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw error;
  }
}

/** The live holder's pid, `dead`, or `unknown` while it is being written. */
async function readHolder(file: string): Promise<number | 'dead' | 'unknown'> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    return 'unknown'; // Released between our attempt and this read.
  }
  const pid = Number.parseInt(text, 10);
  if (Number.isNaN(pid)) {
    return (await ageMs(file)) > EMPTY_LOCK_MS ? 'dead' : 'unknown';
  }
  return isAlive(pid) ? pid : 'dead';
}

/**
 * Removes a dead holder's lock under a guard file, so that two runs
 * taking over at once cannot remove the lock the other one just took.
 */
async function takeOver(file: string): Promise<void> {
  const guard = `${file}.takeover`;
  if (!(await tryCreate(guard))) {
    if ((await ageMs(guard)) > STALE_GUARD_MS) {
      await unlink(guard).catch(() => undefined);
    }
    await sleep(POLL_MS / 4);
    return;
  }
  try {
    if ((await readHolder(file)) === 'dead') {
      await unlink(file).catch(() => undefined);
    }
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

function heldLock(file: string): HeldLock {
  // Also release on an unexpected exit; a SIGKILL leaves a dead pid.
  const onExit = (): void => {
    releaseSync(file);
  };
  process.once('exit', onExit);
  return {
    release: async () => {
      process.removeListener('exit', onExit);
      releaseSync(file);
      await Promise.resolve();
    },
  };
}

function releaseSync(file: string): void {
  try {
    if (readFileSync(file, 'utf8') === String(process.pid)) {
      unlinkSync(file);
    }
  } catch {
    // Already gone.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ageMs(file: string): Promise<number> {
  const info = await stat(file).catch(() => undefined);
  return info === undefined ? 0 : Date.now() - info.mtimeMs;
}
