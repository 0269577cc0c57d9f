import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';

/** The built CLI, as users run it. */
export const PIPELINE_BIN = fileURLToPath(
  new URL('../../../bin/pipeline.js', import.meta.url),
);

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `pipeline ARGS` in `cwd` and resolves whatever the exit code. */
export function runCli(
  args: readonly string[],
  cwd: string,
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [PIPELINE_BIN, ...args],
      {cwd, encoding: 'utf8'},
      (error, stdout, stderr) => {
        const code = error === null ? 0 : Number(error.code ?? 1);
        resolve({code, stdout, stderr});
      },
    );
  });
}
