/**
 * Quotes a table or column name for DuckDB. Values are always bound; this
 * is the one place an identifier becomes SQL text.
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
