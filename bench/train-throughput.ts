// Training throughput of the 1-, 2- and 6-conv-layer CNNs at 48x48 and
// 64x64, batch 32, on the WebAssembly backend (1 thread and data-parallel
// over 2), against PyTorch on the same machine with the same architecture
// (bench/train_throughput.py, Debian python3-torch, 2 threads). The two
// sides alternate per configuration so that load from other processes
// hits both alike.
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as tf from '@tensorflow/tfjs';
import {selectBackend} from '../engine/backend.js';
import {buildCnn} from '../engine/models/cnn.js';
import {DataParallelGradients} from '../engine/parallel/data-parallel.js';
import {fit, type FitOptions} from '../engine/training/fit.js';
import type {LabeledSet} from '../engine/training/labeled-set.js';

const BATCH = 32;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 4);
const PYTHON = process.env['PYTHON'] ?? '/usr/bin/python3';
// Rounds per configuration; each side's median is reported.
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 1);
const CONFIGS = [1, 2, 6].flatMap((layers) =>
  [48, 64].map((size) => ({layers, size})),
);

interface Row {
  layers: number;
  size: number;
  wasm1: number;
  wasm2: number;
  torch: number;
}

function randomSet(size: number, count: number): LabeledSet {
  const x = new Float32Array(count * size * size);
  for (let i = 0; i < x.length; i++) x[i] = Math.random();
  const labels = Int32Array.from({length: count}, (_, i) => i % 7);
  return {x, sampleShape: [size, size, 1], labels, classes: 7};
}

const FIT: Omit<FitOptions, 'epochs'> = {
  optimizer: 'adam',
  learningRate: 1e-3,
  schedule: 'constant',
  batchSize: BATCH,
  patience: 0,
  restoreBest: false,
  seed: 1,
};

/** Images per second of `fit` over whole batches, after one warm-up. */
async function tfjsRate(layers: number, size: number, replicas: number) {
  const model = buildCnn({
    inputShape: [size, size, 1],
    classes: 7,
    convLayers: layers,
    kernelSize: 3,
    pooling: 'max',
    dropout: 0,
    batchNorm: false,
    head: {layers: 1, units: 128, dropout: 0},
    seed: 1,
  });
  const warm = randomSet(size, BATCH);
  const timed = randomSet(size, BATCH * 64);
  const source =
    replicas > 1
      ? await DataParallelGradients.start(model, timed, {
          replicas,
          backend: 'wasm',
        })
      : undefined;
  try {
    await fit(model, {train: warm}, {...FIT, epochs: 1});
    return await timeBatches(model, timed, source);
  } finally {
    await source?.close();
    model.dispose();
  }
}

async function timeBatches(
  model: tf.LayersModel,
  set: LabeledSet,
  source: DataParallelGradients | undefined,
): Promise<number> {
  const started = performance.now();
  let batches = 0;
  const stop = new AbortController();
  await fit(
    model,
    {train: set},
    {
      ...FIT,
      epochs: 1,
      signal: stop.signal,
      onBatch: (done) => {
        batches = done;
        const seconds = (performance.now() - started) / 1000;
        if (batches >= 3 && seconds > SECONDS) stop.abort();
      },
    },
    source,
  ).catch((error: unknown) => {
    if (!stop.signal.aborted) throw error;
  });
  return (batches * BATCH) / ((performance.now() - started) / 1000);
}

function torchRate(layers: number, size: number): number {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const script = path.join(here, '../../bench/train_throughput.py');
  const output = execFileSync(PYTHON, [script, `${layers}x${size}`], {
    encoding: 'utf8',
  });
  const row = JSON.parse(output.trim()) as {images_per_second: number};
  return row.images_per_second;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

function printTable(rows: Row[]): void {
  console.log(
    '\n| conv layers | size | wasm 1 thread | wasm 2 threads | PyTorch 2 threads | ratio (best wasm / PyTorch) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const ratio = Math.max(r.wasm1, r.wasm2) / r.torch;
    console.log(
      `| ${r.layers} | ${r.size}x${r.size} | ${r.wasm1.toFixed(1)} | ` +
        `${r.wasm2.toFixed(1)} | ${r.torch.toFixed(1)} | ${ratio.toFixed(2)} ${ratio >= 0.5 ? 'ok' : 'below 0.5'} |`,
    );
  }
}

async function main(): Promise<void> {
  await selectBackend('wasm');
  const only = process.argv.slice(2);
  const rows: Row[] = [];
  for (const {layers, size} of CONFIGS) {
    if (only.length > 0 && !only.includes(`${layers}x${size}`)) continue;
    const samples: Omit<Row, 'layers' | 'size'>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const wasm1 = await tfjsRate(layers, size, 1);
      const torch = torchRate(layers, size);
      const wasm2 = await tfjsRate(layers, size, 2);
      samples.push({wasm1, wasm2, torch});
    }
    const pick = (key: 'wasm1' | 'wasm2' | 'torch') =>
      median(samples.map((sample) => sample[key]));
    const [wasm1, wasm2, torch] = [pick('wasm1'), pick('wasm2'), pick('torch')];
    rows.push({layers, size, wasm1, wasm2, torch});
    console.log(
      `${layers} layers ${size}x${size}: wasm ${wasm1.toFixed(1)} img/s, ` +
        `wasm x2 ${wasm2.toFixed(1)}, PyTorch ${torch.toFixed(1)}`,
    );
  }
  printTable(rows);
}

await main();
