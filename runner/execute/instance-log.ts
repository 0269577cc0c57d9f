import {closeSync, openSync, readFileSync, writeSync} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import {join} from 'node:path';

const TAIL_LINES = 15;

/** The log file of an instance in a run, named after the instance. */
export function instanceLogPath(logDir: string, instance: string): string {
  return join(logDir, `${instance.replace(/[/\\]/g, '_')}.log`);
}

/**
 * An instance's log: the child writes its stdout and stderr straight
 * into the descriptor; lines reported over IPC are appended here.
 */
export class InstanceLog {
  readonly path: string;
  readonly fd: number;

  private constructor(path: string, fd: number) {
    this.path = path;
    this.fd = fd;
  }

  static async open(logDir: string, instance: string): Promise<InstanceLog> {
    await mkdir(logDir, {recursive: true});
    const path = instanceLogPath(logDir, instance);
    return new InstanceLog(path, openSync(path, 'a'));
  }

  write(line: string): void {
    writeSync(this.fd, `${line}\n`);
  }

  close(): void {
    closeSync(this.fd);
  }

  /** The last lines, for a failure summary. */
  tail(): string {
    const text = readFileSync(this.path, 'utf8').trimEnd();
    return text.split('\n').slice(-TAIL_LINES).join('\n');
  }
}
