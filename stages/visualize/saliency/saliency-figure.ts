import type * as tfType from '@tensorflow/tfjs';
import type {FigureWriter} from '../../../artifacts/figure.js';
import type {ImagesIndex} from '../../../artifacts/images.js';
import type {AttackTarget} from '../../../engine/attacks/gradient-attacks.js';
import {unitPixels} from '../../../engine/attacks/pixel-space.js';
import type {SaliencyMethod} from '../definition.js';
import {gridSvg, pixelsToPng, type GridCell} from '../picture-grid.js';
import {svgToPng} from '../render-chart.js';
import {gradientPicture} from './gradient-pictures.js';
import {overlayHeat} from './heat-colours.js';
import {gradCam, guidedGradient, vanillaGradient} from './saliency-maps.js';

/** Faces to explain, as read from an images artifact. */
export interface SaliencyFaces {
  readonly index: ImagesIndex;
  /** Positions in the artifact. */
  readonly positions: readonly number[];
  /** Their uint8 HWC pixels, one after another. */
  readonly pixels: Uint8Array;
}

const COLUMN_TITLES: Readonly<Record<SaliencyMethod, string>> = {
  vanilla: 'gradient',
  guided: 'guided',
  'guided-color': 'guided colour',
  'guided-positive': 'guided +',
  'guided-negative': 'guided -',
  gradcam: 'Grad-CAM',
};

/**
 * One row per face: the face, then one picture per method, each
 * explaining the face's true class.
 */
export async function drawSaliency(
  target: AttackTarget,
  faces: SaliencyFaces,
  methods: readonly SaliencyMethod[],
  writer: FigureWriter,
): Promise<void> {
  const {height, width, channels, labels} = faces.index;
  const size = height * width * channels;
  const rows = [];
  for (const [n, position] of faces.positions.entries()) {
    const face = faces.pixels.subarray(n * size, (n + 1) * size);
    const label = faces.index.records[position]?.label ?? 0;
    const cells = await faceRow(target, face, faces.index, label, methods);
    rows.push({label: labels[label] ?? String(label), cells});
  }
  const svg = gridSvg({
    title: 'Saliency maps (true class)',
    columns: ['face', ...methods.map((m) => COLUMN_TITLES[m])],
    rows,
    tile: 96,
  });
  await writer.add('saliency', 'Saliency maps', {
    svg,
    png: await svgToPng(svg),
  });
}

async function faceRow(
  target: AttackTarget,
  face: Uint8Array,
  index: ImagesIndex,
  label: number,
  methods: readonly SaliencyMethod[],
): Promise<GridCell[]> {
  const {tf} = target;
  const {height, width, channels} = index;
  const input: tfType.Tensor4D = unitPixels(tf, face, [
    1,
    height,
    width,
    channels,
  ]);
  try {
    const shape = {height, width, channels};
    const cells: GridCell[] = [{png: await pixelsToPng(face, shape, 96)}];
    for (const method of methods) {
      const picture = explain(target, input, label, method, face, channels);
      cells.push({
        png: await pixelsToPng(
          picture.pixels,
          {...shape, channels: picture.channels},
          96,
        ),
      });
    }
    return cells;
  } finally {
    input.dispose();
  }
}

function explain(
  target: AttackTarget,
  input: tfType.Tensor4D,
  label: number,
  method: SaliencyMethod,
  face: Uint8Array,
  channels: 1 | 3,
): {pixels: Uint8Array; channels: 1 | 3} {
  if (method === 'gradcam') {
    const cam = gradCam(target, input, label);
    return {pixels: overlayHeat(face, channels, cam), channels: 3};
  }
  const gradient =
    method === 'vanilla'
      ? vanillaGradient(target, input, label)
      : guidedGradient(target, input, label);
  return gradientPicture(method, gradient, channels);
}
