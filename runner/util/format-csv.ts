/** A value as CSV wants it; `null` is the empty field. */
export type CsvCell = string | number | boolean | null;

/**
 * RFC 4180 CSV: fields with commas, quotes, line breaks or edge spaces are
 * quoted; numbers keep full precision so the file round-trips.
 */
export function formatCsv(
  headers: readonly string[],
  rows: readonly (readonly CsvCell[])[],
): string {
  const lines = [headers, ...rows].map((row) => row.map(csvField).join(','));
  return lines.join('\n');
}

function csvField(value: CsvCell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text)
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}
