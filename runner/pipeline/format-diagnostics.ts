import type {Diagnostic, RelatedLocation} from './diagnostic.js';

/** How `formatDiagnostics` renders; the defaults suit files and pipes. */
export interface FormatOptions {
  /** ANSI colours for a terminal; off by default. */
  readonly color?: boolean;
}

const RED = '\u001b[31;1m';
const CYAN = '\u001b[36m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

/**
 * Renders diagnostics the way compilers do: `file:line:col: message`, the
 * source line, and a `^~~~` underline under the offending span.
 */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  options: FormatOptions = {},
): string {
  return diagnostics
    .map((diagnostic) => formatOne(diagnostic, options.color === true))
    .join('\n');
}

function formatOne(diagnostic: Diagnostic, color: boolean): string {
  const lines = [formatLocation(diagnostic, diagnostic.message, color)];
  for (const related of diagnostic.related ?? []) {
    lines.push(formatLocation(related, related.message, color));
  }
  return lines.join('\n') + '\n';
}

function formatLocation(
  location: RelatedLocation | Diagnostic,
  message: string,
  color: boolean,
): string {
  const {file, offset, length} = location;
  const paint = (code: string, text: string): string =>
    color ? `${code}${text}${RESET}` : text;
  if (length === 0) {
    return `${paint(BOLD, `${file.path}:`)} ${message}`;
  }
  const {line, col} = file.lines.linePos(offset);
  const header = paint(BOLD, `${file.path}:${line}:${col}:`);
  const sourceLine = lineText(file.text, offset);
  const width = Math.max(1, Math.min(length, sourceLine.length - col + 1));
  const underline = ' '.repeat(col - 1) + '^' + '~'.repeat(width - 1);
  const marker = paint('reason' in location ? RED : CYAN, underline);
  return `${header} ${message}\n${sourceLine}\n${marker}`;
}

function lineText(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '');
}
