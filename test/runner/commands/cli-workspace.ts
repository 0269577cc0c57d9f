import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const CLI = fileURLToPath(
  new URL('../../../../bin/pipeline.js', import.meta.url),
);

/** What a CLI invocation printed and how it exited. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A temporary workspace with a pipeline file, driven through the real
 * `pipeline` binary as a user would.
 */
export class CliWorkspace {
  readonly root: string;

  private constructor(root: string) {
    this.root = root;
  }

  static async create(pipeline: string): Promise<CliWorkspace> {
    const root = await mkdtemp(join(tmpdir(), 'pipeline-test-'));
    const workspace = new CliWorkspace(root);
    await workspace.write('p.yaml', pipeline);
    return workspace;
  }

  path(relative: string): string {
    return join(this.root, relative);
  }

  async write(relative: string, text: string): Promise<void> {
    await writeFile(this.path(relative), text);
  }

  async read(relative: string): Promise<string> {
    return readFile(this.path(relative), 'utf8');
  }

  /** Starts the CLI; resolve `done` for its result. */
  start(args: readonly string[]): {
    child: ChildProcess;
    done: Promise<CliResult>;
  } {
    const child = spawn(process.execPath, [CLI, ...args], {cwd: this.root});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<CliResult>((resolve) => {
      child.on('close', (code) => {
        resolve({code, stdout, stderr});
      });
    });
    return {child, done};
  }

  async cli(...args: string[]): Promise<CliResult> {
    return this.start(args).done;
  }

  /** `pipeline run p.yaml --json ...`, parsed into events. */
  async run(...args: string[]): Promise<RunResult> {
    const result = await this.cli('run', 'p.yaml', '--json', ...args);
    const events = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    return {
      ...result,
      events,
      ran: idsOf(events, 'succeeded'),
      cached: idsOf(events, 'cache-hit'),
    };
  }

  /** Rows of a read-only SQL query over the results database. */
  async query(sql: string): Promise<Record<string, unknown>[]> {
    const result = await this.cli('query', sql, '--format', 'json');
    if (result.code !== 0) {
      throw new Error(`query failed: ${result.stderr}`);
    }
    return JSON.parse(result.stdout) as Record<string, unknown>[];
  }

  async remove(): Promise<void> {
    await rm(this.root, {recursive: true, force: true});
  }
}

export interface RunResult extends CliResult {
  readonly events: Record<string, unknown>[];
  /** Instances that ran, in the order they finished, sorted. */
  readonly ran: string[];
  readonly cached: string[];
}

function idsOf(
  events: readonly Record<string, unknown>[],
  type: string,
): string[] {
  return events
    .filter((event) => event['type'] === type)
    .map((event) => String(event['instance']))
    .sort();
}
