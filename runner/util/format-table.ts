import {formatNumber} from './format-number.js';

/** A column's header and how its cells align. */
export interface TableColumn {
  readonly header: string;
  /** `decimal`: right-aligned on the decimal point, for numbers. */
  readonly align?: 'left' | 'right' | 'decimal';
}

/** A table cell: numbers are formatted here so a column can align them. */
export type TableCell = string | number | null;

/**
 * Renders rows as an aligned plain-text table: a header, a rule, and the
 * rows, columns two spaces apart, numbers right-aligned on their decimal
 * point. `null` shows as `nullText`.
 */
export function formatTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly TableCell[])[],
  nullText = '',
): string {
  const cells = columns.map((column, index) =>
    formatColumn(
      column,
      rows.map((row) => row[index] ?? null),
      nullText,
    ),
  );
  const widths = cells.map((column) =>
    Math.max(...column.map((text) => text.length)),
  );
  const lines: string[] = [];
  for (let line = 0; line < rows.length + 2; line++) {
    const texts = cells.map((column, index) =>
      pad(column[line] ?? '', widths[index] ?? 0, columns[index]),
    );
    lines.push(texts.join('  ').trimEnd());
  }
  return lines.join('\n');
}

function pad(text: string, width: number, column?: TableColumn): string {
  const left = (column?.align ?? 'left') === 'left';
  return left ? text.padEnd(width) : text.padStart(width);
}

/** Header, rule, then the cells of one column as text. */
function formatColumn(
  column: TableColumn,
  values: readonly TableCell[],
  nullText: string,
): string[] {
  const decimal = column.align === 'decimal';
  const fractionWidth = decimal ? widestFraction(values) : 0;
  const body = values.map((value) => {
    if (value === null) return nullText;
    if (typeof value === 'string') return value;
    // Pad the fraction with spaces so that decimal points line up.
    const text = formatNumber(value);
    return text + ' '.repeat(fractionWidth - fractionLength(text));
  });
  const width = Math.max(column.header.length, ...body.map((t) => t.length));
  return [column.header, '-'.repeat(width), ...body];
}

function widestFraction(values: readonly TableCell[]): number {
  const numbers = values.filter((value) => typeof value === 'number');
  return Math.max(0, ...numbers.map((n) => fractionLength(formatNumber(n))));
}

/** Length of the part from the decimal point on, 0 for integers. */
function fractionLength(text: string): number {
  const point = text.indexOf('.');
  return point === -1 ? 0 : text.length - point;
}
