import {
  diagnosticAt,
  type Diagnostic,
  type Reason,
  type RelatedLocation,
  type SourceFile,
  type Span,
} from './diagnostic.js';

/**
 * Gathers every problem of one load so that a user sees all of them at
 * once instead of fixing one per run.
 */
export class Collector {
  readonly diagnostics: Diagnostic[] = [];
  // Matrix instances share their source text, so the same problem found in
  // each instance is reported once.
  readonly #seen = new Set<string>();

  constructor(readonly file: SourceFile) {}

  report(
    span: Span,
    reason: Reason,
    message: string,
    related?: readonly {span: Span; message: string}[],
  ): void {
    const key = `${span[0]}:${span[1]}:${message}`;
    if (!this.#seen.has(key)) {
      this.#seen.add(key);
      const diagnostic = diagnosticAt(this.file, span, reason, message);
      this.diagnostics.push(
        related === undefined
          ? diagnostic
          : {...diagnostic, related: related.map((item) => this.#relate(item))},
      );
    }
  }

  #relate(item: {span: Span; message: string}): RelatedLocation {
    const [start, end] = item.span;
    return {
      message: item.message,
      file: this.file,
      offset: start,
      length: end - start,
    };
  }

  get count(): number {
    return this.diagnostics.length;
  }
}
