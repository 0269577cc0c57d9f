import type {FigureWriter} from '../../artifacts/figure.js';
import type {ImagesIndex} from '../../artifacts/images.js';
import type {PredictionsFile} from '../../artifacts/predictions.js';
import {readImagePixels} from '../../artifacts/read-images.js';
import {argmax} from './confusion-figure.js';
import {gridSvg, pixelsToPng, type GridRow} from './picture-grid.js';
import {svgToPng} from './render-chart.js';

export interface SampleRequest {
  readonly imagesDir: string;
  readonly index: ImagesIndex;
  readonly predictions: PredictionsFile;
  readonly which: 'misclassified' | 'per-class';
  /** Images per row. */
  readonly count: number;
}

/**
 * A grid of evaluated faces, one row per true class, each captioned with
 * the prediction and its confidence: either the misclassified ones or
 * the first of every class. Predictions are in the images' record order.
 */
export async function drawSamples(
  request: SampleRequest,
  writer: FigureWriter,
): Promise<void> {
  const {index, predictions} = request;
  if (predictions.truth.length !== index.count) {
    throw new Error(
      `visualize samples: ${predictions.truth.length} predictions for ` +
        `${index.count} images; connect the images the model was evaluated on`,
    );
  }
  const chosen = chooseSamples(request);
  const rows: GridRow[] = [];
  for (const [label, positions] of chosen) {
    rows.push({
      label: index.labels[label] ?? String(label),
      cells: await cellsFor(request, positions),
    });
  }
  const title =
    request.which === 'misclassified'
      ? 'Misclassified faces'
      : 'Faces per class';
  const svg = gridSvg({title, columns: [], rows, tile: 80});
  await writer.add(`samples-${request.which}`, title, {
    svg,
    png: await svgToPng(svg),
  });
}

function chooseSamples(request: SampleRequest): Map<number, number[]> {
  const {predictions, which, count} = request;
  const chosen = new Map<number, number[]>();
  predictions.truth.forEach((truth, position) => {
    const predicted = argmax(predictions.probabilities[position] ?? []);
    const list = chosen.get(truth) ?? [];
    if ((which === 'per-class' || predicted !== truth) && list.length < count) {
      list.push(position);
    }
    chosen.set(truth, list);
  });
  return new Map(
    [...chosen]
      .filter(([, list]) => list.length > 0)
      .sort((a, b) => a[0] - b[0]),
  );
}

async function cellsFor(request: SampleRequest, positions: readonly number[]) {
  const {index, predictions} = request;
  const pixels = await readImagePixels(request.imagesDir, positions, index);
  const size = index.height * index.width * index.channels;
  return Promise.all(
    positions.map(async (position, n) => {
      const probabilities = predictions.probabilities[position] ?? [];
      const predicted = argmax(probabilities);
      const face = pixels.subarray(n * size, (n + 1) * size);
      return {
        png: await pixelsToPng(face, index, 80),
        caption: [
          `→ ${predictions.labels[predicted] ?? predicted}`,
          `${(100 * (probabilities[predicted] ?? 0)).toFixed(0)}%`,
        ],
      };
    }),
  );
}
