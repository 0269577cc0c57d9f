import sharp from 'sharp';

/** One picture in a grid, with up to two caption lines under it. */
export interface GridCell {
  readonly png: Buffer;
  readonly caption?: readonly string[];
}

export interface GridRow {
  readonly label: string;
  readonly cells: readonly GridCell[];
}

export interface PictureGrid {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly GridRow[];
  readonly tile: number;
}

const LABEL_WIDTH = 110;
const HEADER = 44;
const CAPTION_LINE = 13;
const GAP = 6;

/** uint8 HWC pixels (1 or 3 channels) as a PNG `size` pixels high. */
export async function pixelsToPng(
  pixels: Uint8Array,
  shape: {height: number; width: number; channels: 1 | 3},
  size: number,
): Promise<Buffer> {
  const scale = size / shape.height;
  return sharp(Buffer.from(pixels), {raw: shape})
    .resize(Math.round(shape.width * scale), size, {kernel: 'nearest'})
    .png()
    .toBuffer();
}

/**
 * Lays pictures out as an SVG document (pictures embedded as data URIs,
 * labels as text), so the same grid serves as SVG and, rasterised, PNG.
 */
export function gridSvg(grid: PictureGrid): string {
  const captionLines = Math.max(
    0,
    ...grid.rows.flatMap((row) => row.cells.map((c) => c.caption?.length ?? 0)),
  );
  const cellHeight = grid.tile + captionLines * CAPTION_LINE + GAP;
  const columns = Math.max(
    grid.columns.length,
    ...grid.rows.map((r) => r.cells.length),
  );
  const width = LABEL_WIDTH + columns * (grid.tile + GAP);
  const height = HEADER + grid.rows.length * cellHeight;
  const parts = [
    `<rect width="${width}" height="${height}" fill="white"/>`,
    text(8, 18, grid.title, 15, 'bold'),
    ...grid.columns.map((name, c) =>
      text(LABEL_WIDTH + c * (grid.tile + GAP), HEADER - 8, name, 11),
    ),
    ...grid.rows.flatMap((row, r) =>
      rowParts(row, HEADER + r * cellHeight, grid.tile),
    ),
  ];
  return svgDocument(width, height, parts);
}

function rowParts(row: GridRow, top: number, tile: number): string[] {
  const parts = [text(8, top + tile / 2, row.label, 12)];
  row.cells.forEach((cell, c) => {
    const left = LABEL_WIDTH + c * (tile + GAP);
    parts.push(imageTag(left, top, tile, tile, cell.png));
    (cell.caption ?? []).forEach((line, l) => {
      parts.push(text(left, top + tile + CAPTION_LINE * (l + 1) - 2, line, 10));
    });
  });
  return parts;
}

/** An `<image>` element embedding a PNG. */
export function imageTag(
  x: number,
  y: number,
  width: number,
  height: number,
  png: Buffer,
): string {
  const href = `data:image/png;base64,${png.toString('base64')}`;
  return (
    `<image x="${x}" y="${y}" width="${width}" height="${height}" ` +
    `preserveAspectRatio="xMidYMid meet" href="${href}" xlink:href="${href}"/>`
  );
}

/** A `<text>` element with the text escaped. */
export function text(
  x: number,
  y: number,
  content: string,
  size: number,
  weight = 'normal',
): string {
  const escaped = content.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<text x="${x}" y="${y}" font-family="sans-serif" font-size="${size}" ` +
    `font-weight="${weight}" fill="#222">${escaped}</text>`
  );
}

export function svgDocument(
  width: number,
  height: number,
  parts: readonly string[],
): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" ` +
      `xmlns:xlink="http://www.w3.org/1999/xlink" ` +
      `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
