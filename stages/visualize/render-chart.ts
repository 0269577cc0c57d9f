import sharp from 'sharp';
import type {TopLevelSpec} from 'vega-lite';

/** The three files of a chart: the picture twice and its source. */
export interface RenderedChart {
  readonly svg: string;
  readonly png: Buffer;
  readonly spec: string;
}

/** Pixel density of the PNG relative to the SVG's CSS pixels. */
const PNG_SCALE = 2;

/**
 * Compiles a Vega-Lite spec and renders it headless (no canvas, no
 * browser): Vega's SVG renderer, then sharp rasterises the SVG.
 */
export async function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  const [vegaLite, vega] = await Promise.all([
    import('vega-lite'),
    import('vega'),
  ]);
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), {renderer: 'none'});
  try {
    const svg = await view.toSVG();
    const png = await svgToPng(svg);
    return {svg, png, spec: `${JSON.stringify(spec, null, 2)}\n`};
  } finally {
    view.finalize();
  }
}

/** Rasterises an SVG document at twice its size. */
export async function svgToPng(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg), {density: 72 * PNG_SCALE})
    .png()
    .toBuffer();
}
