/**
 * The process's two text streams. Only `runner/log/` writes to the
 * terminal; commands print their results through these.
 */
export function writeOut(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function writeErr(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

// A reader that goes away (`pipeline query ... | head`) is not an error of
// ours: stop quietly, as Unix tools do, instead of dying on EPIPE.
function exitOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') {
    process.exit(process.exitCode ?? 0);
  }
  throw error;
}

process.stdout.on('error', exitOnClosedPipe);
process.stderr.on('error', exitOnClosedPipe);
