import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import sharp from 'sharp';
import {readFigureIndex, type FigureEntry} from '../../artifacts/figure.js';

/**
 * Checks that every figure in a figure artifact has a PNG that decodes to
 * a picture of at least `minWidth` pixels and an SVG document; returns
 * the index and each SVG's text for further checks.
 */
export async function checkFigures(
  dir: string,
  minWidth = 100,
): Promise<{figures: readonly FigureEntry[]; svgs: Map<string, string>}> {
  const figures = await readFigureIndex(dir);
  const svgs = new Map<string, string>();
  for (const figure of figures) {
    const png = await sharp(join(dir, `${figure.name}.png`)).metadata();
    assert.equal(png.format, 'png');
    assert.ok(png.width >= minWidth, `${figure.name}.png is ${png.width} wide`);
    assert.ok(png.height >= 50, `${figure.name}.png is ${png.height} high`);
    const svg = await readFile(join(dir, `${figure.name}.svg`), 'utf8');
    assert.match(svg, /^<svg[\s\S]*<\/svg>\s*$/);
    svgs.set(figure.name, svg);
  }
  return {figures, svgs};
}
