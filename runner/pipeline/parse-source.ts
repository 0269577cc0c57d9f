import {LineCounter, parseDocument, type Document} from 'yaml';
import {diagnosticAt, type Diagnostic, type SourceFile} from './diagnostic.js';
import {duplicateKeys} from './duplicate-keys.js';
import {maskExpressions} from './mask-expressions.js';

/** A parsed file with the text its diagnostics quote. */
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
    uniqueKeys: false,
    prettyErrors: false,
  });
  const file: SourceFile = {path, text, lines};
  const syntax = document.errors.map((error) =>
    diagnosticAt(
      file,
      clampToContent(text, error.pos),
      'yaml-syntax',
      syntaxMessage(error),
    ),
  );
  const duplicates = syntax.length > 0 ? [] : duplicateKeys(document, file);
  return {file, document, diagnostics: [...syntax, ...duplicates]};
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
