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
    const [start, end] = clampToContent(text, error.pos);
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
  return `YAML syntax error: ${firstLine.replace(/ at line \d+.*$/, '')}`;
}

// Errors at the very end of the file (an unclosed bracket) would underline
// an empty line; point at the last character instead.
function clampToContent(
  text: string,
  [start, end]: readonly [number, number],
): [number, number] {
  const last = Math.max(0, text.trimEnd().length - 1);
  const from = Math.min(start, last);
  return [from, Math.max(from + 1, Math.min(end, last + 1))];
}
