import type {Cell} from './query-result.js';

// Readers of known columns: a wrong type means the schema and the query
// disagree, which is a bug, not a user mistake.

/** A VARCHAR cell that is never NULL. */
export function text(cell: Cell | undefined): string {
  if (typeof cell !== 'string') throw new Error(`Internal error: not text`);
  return cell;
}

/** A VARCHAR cell that may be NULL. */
export function textOrNull(cell: Cell | undefined): string | null {
  return cell === null || cell === undefined ? null : text(cell);
}

/** A numeric cell that is never NULL. */
export function numberOf(cell: Cell | undefined): number {
  if (typeof cell !== 'number') throw new Error('Internal error: not a number');
  return cell;
}

/** A numeric cell that may be NULL. */
export function numberOrNull(cell: Cell | undefined): number | null {
  return cell === null || cell === undefined ? null : numberOf(cell);
}

/** A JSON object column; anything else reads as `{}`. */
export function jsonObject(cell: Cell | undefined): Record<string, unknown> {
  if (typeof cell !== 'string') return {};
  const value = JSON.parse(cell) as unknown;
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
