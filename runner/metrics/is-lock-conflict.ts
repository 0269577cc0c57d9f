/**
 * DuckDB lets one process write or many read, never both: a second process
 * opening the file fails with this error until the first one closes it.
 */
export function isLockConflict(error: unknown): boolean {
  return error instanceof Error && /Could not set lock/i.test(error.message);
}
