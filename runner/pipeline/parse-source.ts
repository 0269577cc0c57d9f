import {LineCounter, parseDocument, type Document} from 'yaml';
import {diagnosticAt, type Diagnostic, type SourceFile} from './diagnostic.js';
import {maskExpressions} from './mask-expressions.js';

export interface ParsedSource {
  readonly file: SourceFile;
  readonly document: Document.Parsed;
  /** Syntax errors and duplicate keys; the document is still usable. */
  readonly diagnostics: Diagnostic[];
}

/** Parses pipeline YAML, turning the parser's errors into diagnostics. */
export function parseSource(path: string, text: string): ParsedSource {
  const lines = new LineCounter();
  const document = parseDocument(maskExpressions(text), {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const file: SourceFile = {path, text, lines};
  const diagnostics = document.errors.map((error) => {
    const duplicate = error.code === 'DUPLICATE_KEY';
    const [start, end] = duplicate
      ? [error.pos[0], error.pos[0] + keyLength(text, error.pos[0])]
      : clampToContent(text, error.pos);
    return diagnosticAt(
      file,
      [start, end],
      duplicate ? 'duplicate-key' : 'yaml-syntax',
      duplicate ? duplicateMessage(text, start, end) : syntaxMessage(error),
    );
  });
  return {file, document, diagnostics};
}

function duplicateMessage(text: string, start: number, end: number): string {
  return `Duplicate key "${text.slice(start, end)}"; each key may appear once.`;
}

function syntaxMessage(error: {message: string}): string {
  const firstLine = error.message.split('\n')[0] ?? error.message;
  const text = firstLine.replace(/ at line \d+.*$/, '');
  return `YAML syntax error: ${/[.?]$/.test(text) ? text : `${text}.`}`;
}

// Errors at the very end of the file (an unclosed bracket) would underline
// an empty line, and errors at a line start its indentation; point at the
// nearest character instead.
function clampToContent(
  text: string,
  [start, end]: readonly [number, number],
): [number, number] {
  const last = Math.max(0, text.trimEnd().length - 1);
  let from = Math.min(start, last);
  while (from < last && (text[from] === ' ' || text[from] === '\t')) {
    from++;
  }
  return [from, Math.max(from + 1, Math.min(end, last + 1))];
}

// The parser marks only the first character of a duplicated key.
function keyLength(text: string, start: number): number {
  const match = /^("[^"\n]*"|'[^'\n]*'|[^\s:,{}[\]]+)/.exec(text.slice(start));
  return match?.[0].length ?? 1;
}
