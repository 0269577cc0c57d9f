import {formatNumber} from '../util/format-number.js';
import {escapeHtml} from './escape-html.js';

/** A cell: numbers are formatted and right-aligned, strings escaped. */
export type HtmlCell = string | number | null | {readonly html: string};

export interface HtmlTableOptions {
  /** Row indexes to highlight (e.g. values that differ between runs). */
  readonly marked?: ReadonlySet<number>;
}

/** A plain HTML table; every cell's text is escaped. */
export function htmlTable(
  headers: readonly string[],
  rows: readonly (readonly HtmlCell[])[],
  options: HtmlTableOptions = {},
): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((row, index) => {
    const mark = options.marked?.has(index) === true ? ' class="diff"' : '';
    return `<tr${mark}>${row.map(cell).join('')}</tr>`;
  });
  return (
    `<table><thead><tr>${head}</tr></thead>` +
    `<tbody>${body.join('\n')}</tbody></table>`
  );
}

function cell(value: HtmlCell): string {
  if (value === null) return '<td class="none">–</td>';
  if (typeof value === 'number') {
    return `<td class="num">${escapeHtml(formatNumber(value))}</td>`;
  }
  if (typeof value === 'string') return `<td>${escapeHtml(value)}</td>`;
  return `<td>${value.html}</td>`;
}
