import type {LineCounter} from 'yaml';

/** A pipeline file's text, kept so that diagnostics can quote it. */
export interface SourceFile {
  /** The path as the user gave it; diagnostics print it unchanged. */
  readonly path: string;
  readonly text: string;
  readonly lines: LineCounter;
}

/**
 * Stable codes for every problem the loader reports. Tests and tools match
 * on these, so a code never changes meaning.
 */
export type Reason =
  | 'file-not-found'
  | 'yaml-syntax'
  | 'duplicate-key'
  | 'unknown-key'
  | 'missing-key'
  | 'invalid-value'
  | 'unknown-stage-type'
  | 'unknown-with-key'
  | 'invalid-with-value'
  | 'missing-with-value'
  | 'bad-reference'
  | 'unknown-stage'
  | 'unknown-input-port'
  | 'unknown-output-port'
  | 'type-mismatch'
  | 'missing-input'
  | 'cycle'
  | 'bad-expression'
  | 'empty-matrix'
  | 'matrix-conflict'
  | 'bad-override'
  | 'unknown-override';

/** A secondary place that explains a diagnostic (the other end of an edge). */
export interface RelatedLocation {
  readonly message: string;
  readonly file: SourceFile;
  readonly offset: number;
  readonly length: number;
}

/**
 * One problem in a pipeline file, anchored to a span of its text. A
 * `length` of 0 means the problem concerns the file as a whole.
 */
export interface Diagnostic {
  readonly reason: Reason;
  readonly message: string;
  readonly file: SourceFile;
  readonly offset: number;
  readonly length: number;
  readonly related?: readonly RelatedLocation[];
}

/** A `[start, end]` pair as the `yaml` package's node ranges give it. */
export type Span = readonly [number, number, ...number[]];

/** Builds a diagnostic covering `span` of `file`. */
export function diagnosticAt(
  file: SourceFile,
  span: Span,
  reason: Reason,
  message: string,
): Diagnostic {
  const [start, end] = span;
  return {reason, message, file, offset: start, length: end - start};
}
