import type {FigureWriter} from '../../artifacts/figure.js';
import type {ImagesIndex} from '../../artifacts/images.js';
import {
  fgsm,
  type AttackTarget,
} from '../../engine/attacks/gradient-attacks.js';
import {normaliseTensor, unitPixels} from '../../engine/attacks/pixel-space.js';
import {imageTag, pixelsToPng, svgDocument, text} from './picture-grid.js';
import {svgToPng} from './render-chart.js';
import type {SaliencyFaces} from './saliency/saliency-figure.js';

interface AttackedFace {
  readonly epsilon: number;
  readonly png: Buffer;
  readonly confidences: readonly number[];
}

const TILE = 120;
const BAR_ROW = 13;
const LABEL = 64;
const COLUMN = 200;

/**
 * Each face attacked with FGSM at each epsilon, shown with the model's
 * confidence in every class as bars (the true class in green, the
 * predicted one in red when it differs).
 */
export async function drawAdversarial(
  target: AttackTarget,
  faces: SaliencyFaces,
  epsilons: readonly number[],
  writer: FigureWriter,
): Promise<void> {
  const {height, width, channels, labels} = faces.index;
  const size = height * width * channels;
  const rows: {truth: number; attacked: AttackedFace[]}[] = [];
  for (const [n, position] of faces.positions.entries()) {
    const truth = faces.index.records[position]?.label ?? 0;
    const face = faces.pixels.subarray(n * size, (n + 1) * size);
    rows.push({
      truth,
      attacked: await attackFace(target, face, faces.index, truth, epsilons),
    });
  }
  const rowHeight = TILE + 24 + labels.length * BAR_ROW + 16;
  const parts = [text(8, 18, 'FGSM adversarial examples', 15, 'bold')];
  rows.forEach((row, r) => {
    row.attacked.forEach((cell, c) => {
      parts.push(
        ...cellParts(
          cell,
          row.truth,
          labels,
          c * COLUMN + 8,
          30 + r * rowHeight,
        ),
      );
    });
  });
  const svg = svgDocument(
    epsilons.length * COLUMN + 16,
    30 + rows.length * rowHeight,
    [`<rect width="100%" height="100%" fill="white"/>`, ...parts],
  );
  await writer.add('adversarial', 'FGSM adversarial examples', {
    svg,
    png: await svgToPng(svg),
  });
}

async function attackFace(
  target: AttackTarget,
  face: Uint8Array,
  index: ImagesIndex,
  truth: number,
  epsilons: readonly number[],
): Promise<AttackedFace[]> {
  const {tf, model, normalization} = target;
  const {height, width, channels} = index;
  const original = unitPixels(tf, face, [1, height, width, channels]);
  const labels = tf.tensor1d([truth], 'int32');
  const out: AttackedFace[] = [];
  try {
    for (const epsilon of epsilons) {
      const attacked = fgsm(target, original, labels, epsilon);
      const probabilities = tf.tidy(
        () =>
          model.predict(
            normaliseTensor(tf, attacked, normalization),
          ) as typeof attacked,
      );
      const pixels = Uint8Array.from(attacked.dataSync(), (v) =>
        Math.round(v * 255),
      );
      const confidences = Array.from(probabilities.dataSync());
      tf.dispose([attacked, probabilities]);
      const png = await pixelsToPng(pixels, {height, width, channels}, TILE);
      out.push({epsilon, png, confidences});
    }
    return out;
  } finally {
    tf.dispose([original, labels]);
  }
}

function cellParts(
  cell: AttackedFace,
  truth: number,
  labels: readonly string[],
  left: number,
  top: number,
): string[] {
  const predicted = cell.confidences.indexOf(Math.max(...cell.confidences));
  const parts = [
    imageTag(left, top, TILE, TILE, cell.png),
    text(
      left,
      top + TILE + 16,
      `ε = ${cell.epsilon}: ${labels[predicted] ?? ''}`,
      11,
    ),
  ];
  const barWidth = COLUMN - LABEL - 44;
  cell.confidences.forEach((confidence, k) => {
    const y = top + TILE + 24 + k * BAR_ROW;
    const colour =
      k === truth ? '#54a24b' : k === predicted ? '#e45756' : '#9ecae9';
    parts.push(
      text(left, y + 9, labels[k] ?? String(k), 9),
      `<rect x="${left + LABEL}" y="${y}" width="${(barWidth * confidence).toFixed(1)}" ` +
        `height="${BAR_ROW - 3}" fill="${colour}"/>`,
      text(
        left + LABEL + barWidth + 4,
        y + 9,
        `${(100 * confidence).toFixed(1)}%`,
        9,
      ),
    );
  });
  return parts;
}
