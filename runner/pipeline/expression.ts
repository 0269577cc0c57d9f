/** A `${{ params.x }}` or `${{ matrix.y }}` found inside a string. */
export interface ExpressionRef {
  readonly root: 'params' | 'matrix';
  readonly name: string;
  /** Position of `${{` in the string and length through `}}`. */
  readonly start: number;
  readonly length: number;
}

/** A string split into literal text and expression references. */
export type TemplateParts = readonly (string | ExpressionRef)[];

/** Why a `${{ }}` is not a substitution, and where in the string. */
export interface ExpressionError {
  readonly message: string;
  readonly start: number;
  readonly length: number;
}

const REFERENCE = /^(params|matrix)\.([A-Za-z_][A-Za-z0-9_-]*)$/;
const USAGE = 'expressions only substitute params.NAME or matrix.NAME';

/**
 * Splits a string at its `${{ }}` expressions. They are substitutions,
 * never code: anything but `params.NAME` or `matrix.NAME` is an error.
 */
export function parseTemplate(text: string): TemplateParts | ExpressionError {
  const parts: (string | ExpressionRef)[] = [];
  let cursor = 0;
  for (;;) {
    const start = text.indexOf('${{', cursor);
    if (start === -1) {
      break;
    }
    const close = text.indexOf('}}', start + 3);
    if (close === -1) {
      return {
        message: 'Unterminated expression: `${{` has no closing `}}`.',
        start,
        length: text.length - start,
      };
    }
    const ref = parseReference(
      text.slice(start + 3, close).trim(),
      start,
      close + 2,
    );
    if ('message' in ref) {
      return ref;
    }
    pushText(parts, text.slice(cursor, start));
    parts.push(ref);
    cursor = close + 2;
  }
  pushText(parts, text.slice(cursor));
  return parts;
}

function pushText(parts: (string | ExpressionRef)[], text: string): void {
  if (text !== '') {
    parts.push(text);
  }
}

function parseReference(
  inner: string,
  start: number,
  end: number,
): ExpressionRef | ExpressionError {
  const match = REFERENCE.exec(inner);
  const root = match?.[1];
  const name = match?.[2];
  if ((root === 'params' || root === 'matrix') && name !== undefined) {
    return {root, name, start, length: end - start};
  }
  return {message: explain(inner), start, length: end - start};
}

function explain(inner: string): string {
  const shown = `\`\${{ ${inner} }}\``;
  if (inner === '') {
    return `Empty expression ${shown}; ${USAGE}.`;
  }
  if (inner.includes('(')) {
    return `Expression ${shown} calls a function; ${USAGE}.`;
  }
  const root = /^[A-Za-z_]\w*/.exec(inner)?.[0];
  if (root !== undefined && root !== 'params' && root !== 'matrix') {
    return `Unknown expression root "${root}" in ${shown}; ${USAGE}.`;
  }
  return `Expression ${shown} is not a plain reference; ${USAGE}.`;
}
