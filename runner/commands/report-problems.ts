import {writeErr} from '../log/output.js';
import type {Diagnostic} from '../pipeline/diagnostic.js';
import {formatDiagnostics} from '../pipeline/format-diagnostics.js';

/** Colour only on a terminal, and never when NO_COLOR is set. */
export function wantsColor(): boolean {
  return process.stderr.isTTY && process.env.NO_COLOR === undefined;
}

/**
 * Prints a file's problems on stderr and returns exit code 2: the file is
 * invalid, so nothing ran and nothing was written.
 */
export function reportProblems(diagnostics: readonly Diagnostic[]): number {
  const count = diagnostics.length;
  writeErr(formatDiagnostics(diagnostics, {color: wantsColor()}));
  writeErr(`${count} problem${count === 1 ? '' : 's'} found; nothing was run.`);
  return 2;
}
