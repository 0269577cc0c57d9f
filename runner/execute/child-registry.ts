import {mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';

/**
 * Stage processes alive in the workspace, one file per process group in
 * `.pipeline/children/`. A runner killed with SIGKILL cannot stop its
 * children; the next run reaps them before it starts its own.
 */
export class ChildRegistry {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  async add(pid: number): Promise<void> {
    await mkdir(this.#dir, {recursive: true});
    await writeFile(join(this.#dir, String(pid)), await startTimeOf(pid));
  }

  async remove(pid: number): Promise<void> {
    await rm(join(this.#dir, String(pid)), {force: true});
  }

  /**
   * Kills the process groups a dead runner left. A pid is trusted only
   * while its start time matches, so a reused pid is never signalled.
   */
  async reapOrphans(): Promise<number> {
    let reaped = 0;
    for (const name of await readdir(this.#dir).catch(() => [])) {
      const pid = Number(name);
      const recorded = await readFile(join(this.#dir, name), 'utf8');
      if (recorded !== '' && recorded === (await startTimeOf(pid))) {
        killGroup(pid);
        reaped++;
      }
      await rm(join(this.#dir, name), {force: true});
    }
    return reaped;
  }
}

/** The process's start time from /proc, or '' where there is no /proc. */
async function startTimeOf(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name, which may itself hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? '';
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Gone between the check and the signal.
  }
}
