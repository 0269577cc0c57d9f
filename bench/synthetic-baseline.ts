// How hard is the synthetic face set for a linear model on raw pixels?
// Generates the default set (4,900 pictures), ingests it at 32 x 32 grey,
// fits a ridge classifier (one-vs-rest least squares, ridge chosen on the
// validation split) and a nearest-centroid classifier, and prints test
// accuracy overall and per camera angle. Compare with a small CNN from
// the `train` stage on the same split.
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {ImagesIndex} from '../artifacts/images.js';
import {readImagePixels, readImagesIndex} from '../artifacts/read-images.js';
import {runIngest} from '../stages/ingest/run.js';
import {createIngestContext} from './ingest-context.js';

const SIDE = 32;
const RIDGES = [1, 10, 100, 1000, 10000];

function add(values: Float64Array, at: number, amount: number): void {
  values[at] = (values[at] ?? 0) + amount;
}

interface Split {
  readonly index: ImagesIndex;
  /** Rows of SIDE * SIDE pixels scaled to [0, 1], plus a bias of 1. */
  readonly rows: Float64Array[];
}

async function loadSplit(folder: string): Promise<Split> {
  const index = await readImagesIndex(folder);
  const pixels = await readImagePixels(folder, undefined, index);
  const size = SIDE * SIDE;
  const rows = index.records.map((_, i) => {
    const row = new Float64Array(size + 1);
    for (let k = 0; k < size; k++) row[k] = (pixels[i * size + k] ?? 0) / 255;
    row[size] = 1;
    return row;
  });
  return {index, rows};
}

/** Upper triangle of XᵀX and XᵀY for one-hot targets. */
function normalEquations(train: Split): {xtx: Float64Array; xty: Float64Array} {
  const d = SIDE * SIDE + 1;
  const classes = train.index.labels.length;
  const xtx = new Float64Array(d * d);
  const xty = new Float64Array(d * classes);
  train.rows.forEach((row, n) => {
    const label = train.index.records[n]?.label ?? 0;
    for (let i = 0; i < d; i++) {
      const v = row[i] ?? 0;
      if (v === 0) continue;
      for (let j = i; j < d; j++) add(xtx, i * d + j, v * (row[j] ?? 0));
      add(xty, i * classes + label, v);
    }
  });
  return {xtx, xty};
}

/** Solves (XᵀX + λI) W = XᵀY by Cholesky; W is d x classes. */
function solveRidge(
  xtx: Float64Array,
  xty: Float64Array,
  lambda: number,
  classes: number,
): Float64Array<ArrayBuffer> {
  const d = SIDE * SIDE + 1;
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = (xtx[j * d + i] ?? 0) + (i === j ? lambda : 0);
      for (let k = 0; k < j; k++)
        sum -= (l[i * d + k] ?? 0) * (l[j * d + k] ?? 0);
      l[i * d + j] = i === j ? Math.sqrt(sum) : sum / (l[j * d + j] ?? 1);
    }
  }
  const w = new Float64Array(d * classes);
  for (let c = 0; c < classes; c++) {
    const y = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let sum = xty[i * classes + c] ?? 0;
      for (let k = 0; k < i; k++) sum -= (l[i * d + k] ?? 0) * (y[k] ?? 0);
      y[i] = sum / (l[i * d + i] ?? 1);
    }
    for (let i = d - 1; i >= 0; i--) {
      let sum = y[i] ?? 0;
      for (let k = i + 1; k < d; k++)
        sum -= (l[k * d + i] ?? 0) * (w[k * classes + c] ?? 0);
      w[i * classes + c] = sum / (l[i * d + i] ?? 1);
    }
  }
  return w;
}

function predictLinear(
  w: Float64Array,
  row: Float64Array,
  classes: number,
): number {
  const scores = new Float64Array(classes);
  row.forEach((v, i) => {
    for (let c = 0; c < classes; c++) {
      add(scores, c, v * (w[i * classes + c] ?? 0));
    }
  });
  return scores.indexOf(Math.max(...scores));
}

function centroids(train: Split): Float64Array[] {
  const classes = train.index.labels.length;
  const sums = Array.from(
    {length: classes},
    () => new Float64Array(SIDE * SIDE + 1),
  );
  const counts = new Array<number>(classes).fill(0);
  train.rows.forEach((row, n) => {
    const label = train.index.records[n]?.label ?? 0;
    row.forEach((v, i) => {
      add(sums[label] ?? row, i, v);
    });
    counts[label] = (counts[label] ?? 0) + 1;
  });
  return sums.map((sum, c) => sum.map((v) => v / (counts[c] ?? 1)));
}

function predictNearest(
  means: readonly Float64Array[],
  row: Float64Array,
): number {
  const distances = means.map((mean) =>
    mean.reduce((acc, v, i) => acc + (v - (row[i] ?? 0)) ** 2, 0),
  );
  return distances.indexOf(Math.min(...distances));
}

/** Accuracy overall and per value of the `angle` attribute. */
function accuracy(
  split: Split,
  predict: (row: Float64Array) => number,
): Map<string, number> {
  const hits = new Map<string, [number, number]>();
  split.rows.forEach((row, n) => {
    const record = split.index.records[n];
    const correct = predict(row) === record?.label ? 1 : 0;
    for (const key of ['all', record?.attributes.angle ?? '?']) {
      const [h, t] = hits.get(key) ?? [0, 0];
      hits.set(key, [h + correct, t + 1]);
    }
  });
  return new Map([...hits].map(([key, [h, t]]) => [key, h / t]));
}

function report(name: string, result: ReadonlyMap<string, number>): void {
  const order = [
    'all',
    'full_left',
    'half_left',
    'straight',
    'half_right',
    'full_right',
  ];
  const cells = order.map(
    (key) => `${key} ${((result.get(key) ?? 0) * 100).toFixed(1)}%`,
  );
  console.log(`${name}: ${cells.join(', ')}`);
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'bench-baseline-'));
  try {
    const started = performance.now();
    const context = await createIngestContext(
      {image_size: SIDE, channels: 1},
      root,
    );
    await runIngest(context);
    console.log(
      `generated and ingested in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const [train, val, test] = await Promise.all(
      ['train', 'val', 'test'].map((port) => loadSplit(join(root, port))),
    );
    if (!train || !val || !test) throw new Error('Internal error: no split');
    const classes = train.index.labels.length;
    console.log(
      `train ${train.rows.length}, val ${val.rows.length}, test ${test.rows.length}; chance ${(100 / classes).toFixed(1)}%`,
    );
    const {xtx, xty} = normalEquations(train);
    let best = {lambda: 0, score: -1, w: new Float64Array(0)};
    for (const lambda of RIDGES) {
      const w = solveRidge(xtx, xty, lambda, classes);
      const score =
        accuracy(val, (row) => predictLinear(w, row, classes)).get('all') ?? 0;
      console.log(`ridge lambda ${lambda}: val ${(score * 100).toFixed(1)}%`);
      if (score > best.score) best = {lambda, score, w};
    }
    report(
      `ridge (lambda ${best.lambda}) test`,
      accuracy(test, (row) => predictLinear(best.w, row, classes)),
    );
    const means = centroids(train);
    report(
      'nearest centroid test',
      accuracy(test, (row) => predictNearest(means, row)),
    );
  } finally {
    await rm(root, {recursive: true, force: true});
  }
}

await main();
