import sharp from 'sharp';
import type {ImagesIndex} from './images.js';

/** One labelled row of a preview grid: tiles are uint8 HWC images. */
export interface PreviewRow {
  readonly label: string;
  readonly tiles: readonly Uint8Array[];
}

export interface TileShape {
  readonly height: number;
  readonly width: number;
  readonly channels: 1 | 3;
}

const LABEL_WIDTH = 120;
const MIN_TILE = 64;
const GAP = 1;

/**
 * Writes a PNG grid with one row per label, the label written at the
 * left. Small tiles are scaled up (nearest neighbour) so that the
 * picture stays legible for people looking at it.
 */
export async function writePreviewGrid(
  file: string,
  shape: TileShape,
  rows: readonly PreviewRow[],
): Promise<void> {
  const columns = Math.max(1, ...rows.map((row) => row.tiles.length));
  const raw = layoutTiles(shape, rows, columns);
  const scale = Math.max(1, Math.ceil(MIN_TILE / shape.height));
  const grid = await sharp(raw.data, {raw: raw.info})
    .resize(raw.info.width * scale, raw.info.height * scale, {
      kernel: 'nearest',
    })
    .extend({left: LABEL_WIDTH, background: '#ffffff'})
    .png()
    .toBuffer();
  const rowHeight = (shape.height + GAP) * scale;
  const labels = labelOverlay(rows, rowHeight, raw.info.height * scale);
  await sharp(grid)
    .composite([{input: labels, left: 0, top: 0}])
    .png()
    .toFile(file);
}

interface RawImage {
  readonly data: Uint8Array;
  readonly info: {width: number; height: number; channels: 3};
}

function layoutTiles(
  shape: TileShape,
  rows: readonly PreviewRow[],
  columns: number,
): RawImage {
  const width = columns * (shape.width + GAP);
  const height = Math.max(1, rows.length) * (shape.height + GAP);
  const data = new Uint8Array(width * height * 3).fill(255);
  rows.forEach((row, r) => {
    row.tiles.forEach((tile, c) => {
      const left = c * (shape.width + GAP);
      copyTile(data, width, tile, shape, [left, r * (shape.height + GAP)]);
    });
  });
  return {data, info: {width, height, channels: 3}};
}

function copyTile(
  data: Uint8Array,
  gridWidth: number,
  tile: Uint8Array,
  shape: TileShape,
  [left, top]: readonly [number, number],
): void {
  for (let y = 0; y < shape.height; y++) {
    for (let x = 0; x < shape.width; x++) {
      const from = (y * shape.width + x) * shape.channels;
      const to = ((top + y) * gridWidth + left + x) * 3;
      for (let c = 0; c < 3; c++) {
        data[to + c] = tile[from + (shape.channels === 3 ? c : 0)] ?? 0;
      }
    }
  }
}

function labelOverlay(
  rows: readonly PreviewRow[],
  rowHeight: number,
  height: number,
): Buffer {
  const size = Math.min(16, Math.max(9, Math.floor(rowHeight / 4)));
  const texts = rows.map((row, r) => {
    const y = r * rowHeight + rowHeight / 2 + size / 3;
    return `<text x="6" y="${y}" font-size="${size}">${escapeXml(row.label)}</text>`;
  });
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL_WIDTH}" ` +
    `height="${height}" font-family="DejaVu Sans, sans-serif">` +
    `${texts.join('')}</svg>`;
  return Buffer.from(svg);
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/**
 * Rows of `perClass` images of each class, in label order, spread evenly
 * over the class's images, for the preview of an `images` artifact.
 */
export function previewRowsByClass(
  index: ImagesIndex,
  pixels: Uint8Array,
  perClass = 8,
): PreviewRow[] {
  const size = index.height * index.width * index.channels;
  const members = index.labels.map(() => [] as number[]);
  index.records.forEach((record, i) => members[record.label]?.push(i));
  return index.labels
    .map((label, c) => {
      const list = members[c] ?? [];
      const step = Math.max(1, list.length / perClass);
      const tiles: Uint8Array[] = [];
      for (let k = 0; k < Math.min(perClass, list.length); k++) {
        const i = list[Math.floor(k * step)] ?? 0;
        tiles.push(pixels.subarray(i * size, (i + 1) * size));
      }
      return {label, tiles};
    })
    .filter((row) => row.tiles.length > 0);
}
