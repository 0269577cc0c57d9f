import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {TopLevelSpec} from 'vega-lite';
import type {FigureWriter} from '../../artifacts/figure.js';
import type {PredictionsFile} from '../../artifacts/predictions.js';
import {renderChart} from './render-chart.js';

interface Cell {
  readonly truth: string;
  readonly predicted: string;
  readonly count: number;
  readonly rate: number;
}

/** Reads a predictions artifact. */
export async function readPredictions(dir: string): Promise<PredictionsFile> {
  const text = await readFile(join(dir, 'predictions.json'), 'utf8');
  return JSON.parse(text) as PredictionsFile;
}

/** Index of the largest value: the predicted class. */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let index = 1; index < values.length; index++) {
    if ((values[index] ?? -Infinity) > (values[best] ?? -Infinity)) {
      best = index;
    }
  }
  return best;
}

/** Confusion matrix cells: counts, and rates normalised per true class. */
export function confusionCells(predictions: PredictionsFile): Cell[] {
  const size = predictions.labels.length;
  const counts = new Array<number>(size * size).fill(0);
  predictions.truth.forEach((truth, row) => {
    const predicted = argmax(predictions.probabilities[row] ?? []);
    counts[truth * size + predicted] =
      (counts[truth * size + predicted] ?? 0) + 1;
  });
  const cells: Cell[] = [];
  predictions.labels.forEach((truth, t) => {
    const total = counts
      .slice(t * size, (t + 1) * size)
      .reduce((a, b) => a + b, 0);
    predictions.labels.forEach((predicted, p) => {
      const count = counts[t * size + p] ?? 0;
      cells.push({
        truth,
        predicted,
        count,
        rate: total === 0 ? 0 : count / total,
      });
    });
  });
  return cells;
}

/** Two heat maps of one evaluation: counts and row-normalised rates. */
export async function drawConfusion(
  predictionsDir: string,
  baseName: string,
  title: string,
  writer: FigureWriter,
): Promise<void> {
  const predictions = await readPredictions(predictionsDir);
  const cells = confusionCells(predictions);
  for (const field of ['count', 'rate'] as const) {
    const spec = heatmapSpec(cells, predictions.labels, field, title);
    const chart = await renderChart(spec);
    const suffix = field === 'count' ? 'counts' : 'normalised';
    await writer.add(`${baseName}-${suffix}`, `${title} (${suffix})`, {
      svg: chart.svg,
      png: chart.png,
      'vl.json': chart.spec,
    });
  }
}

function heatmapSpec(
  cells: readonly Cell[],
  labels: readonly string[],
  field: 'count' | 'rate',
  title: string,
): TopLevelSpec {
  const axis = (name: string, label: string) => ({
    field: name,
    type: 'nominal',
    sort: labels,
    title: label,
  });
  const position = {
    x: axis('predicted', 'predicted'),
    y: axis('truth', 'true'),
  };
  const format = field === 'count' ? 'd' : '.2f';
  const max = Math.max(...cells.map((cell) => cell[field]));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 36 * labels.length,
    height: 36 * labels.length,
    data: {values: cells.map((cell) => ({...cell}))},
    config: {background: 'white', font: 'sans-serif'},
    layer: [
      {
        mark: 'rect',
        encoding: {
          ...position,
          color: {field, type: 'quantitative', scale: {scheme: 'blues'}},
        },
      },
      {
        mark: {type: 'text', fontSize: 10},
        encoding: {
          ...position,
          text: {field, type: 'quantitative', format},
          color: {
            condition: {test: `datum.${field} > ${max / 2}`, value: 'white'},
            value: 'black',
          },
        },
      },
    ],
  } as TopLevelSpec;
}
