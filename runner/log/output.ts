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
