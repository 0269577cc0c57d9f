import {isScalar, visit, type Document} from 'yaml';
import {diagnosticAt, type Diagnostic, type SourceFile} from './diagnostic.js';
import {plainValue, spanOf} from './yaml-nodes.js';

/**
 * Reports each key that repeats an earlier key of the same mapping. The
 * parser's own check compares every pair with every earlier one, which is
 * quadratic in a 1,000-stage `stages:`; a set per mapping is linear.
 */
export function duplicateKeys(
  document: Document.Parsed,
  file: SourceFile,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? plainValue(pair.key.value) : pair.key;
        if (seen.has(key)) {
          const span = spanOf(pair.key, [0, 0]);
          const message = `Duplicate key "${String(key)}"; each key may appear once.`;
          diagnostics.push(diagnosticAt(file, span, 'duplicate-key', message));
        }
        seen.add(key);
      }
    },
  });
  return diagnostics;
}
