import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {ImagesIndex} from '../../../artifacts/images.js';
import type {StageContext} from '../../../runner/stage-definition.js';
import type {TrainParams} from '../../../stages/train/definition.js';

/**
 * Writes a tiny `images` artifact: three classes of 16x16 grey pictures
 * (horizontal stripes, vertical stripes, a centred square) under noise,
 * easy for a small CNN and impossible to guess.
 */
export async function writeStripeImages(
  folder: string,
  count: number,
  seed: number,
): Promise<void> {
  const size = 16;
  const pixels = new Uint8Array(count * size * size);
  let state = seed;
  const noise = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const labels = Array.from({length: count}, (_, i) => i % 3);
  labels.forEach((label, n) => {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const on = [
          y % 4 < 2,
          x % 4 < 2,
          Math.max(Math.abs(x - 8), Math.abs(y - 8)) < 4,
        ][label];
        pixels[(n * size + y) * size + x] = Math.round(
          (on ? 160 : 60) + noise() * 80,
        );
      }
    }
  });
  const index: ImagesIndex = {
    format: 'images/v1',
    height: size,
    width: size,
    channels: 1,
    labels: ['horizontal', 'vertical', 'square'],
    normalization: 'unit',
    shardSize: count,
    shards: ['shard-000.bin'],
    count,
    records: labels.map((label, i) => ({
      label,
      identity: `p${i}`,
      attributes: {},
      source: `${i}.png`,
    })),
  };
  await mkdir(folder, {recursive: true});
  await writeFile(path.join(folder, 'index.json'), JSON.stringify(index));
  await writeFile(path.join(folder, 'shard-000.bin'), pixels);
}

/**
 * The same stripes as PNG files in a folder per class, the layout the
 * `folder` source of `ingest` reads.
 */
export async function writeStripeFolders(
  folder: string,
  perClass: number,
): Promise<void> {
  const {default: sharp} = await import('sharp');
  const raw = path.join(folder, '.raw');
  await writeStripeImages(raw, perClass * 3, 11);
  const pixels = await readFile(path.join(raw, 'shard-000.bin'));
  const names = ['horizontal', 'vertical', 'square'];
  await Promise.all(
    names.map((name) => mkdir(path.join(folder, name), {recursive: true})),
  );
  for (let i = 0; i < perClass * 3; i++) {
    const image = pixels.subarray(i * 256, (i + 1) * 256);
    const file = path.join(folder, names[i % 3] ?? '', `p${i}.png`);
    await sharp(image, {raw: {width: 16, height: 16, channels: 1}})
      .png()
      .toFile(file);
  }
  await rm(raw, {recursive: true});
}

/** What a test reads back from a context after `run()`. */
export interface Recorded {
  readonly metrics: {name: string; value: number; step?: number}[];
  readonly logs: string[];
}

/**
 * A real StageContext over temp folders, for calling a stage's run()
 * directly: the runner is not part of these tests.
 */
export async function makeContext(
  params: TrainParams,
  inputs: Record<string, string>,
): Promise<{context: StageContext<TrainParams>; recorded: Recorded}> {
  const root = await mkdtemp(path.join(tmpdir(), 'train-test-'));
  const outputs = {
    model: path.join(root, 'model'),
    metrics: path.join(root, 'metrics'),
  };
  await Promise.all(Object.values(outputs).map((dir) => mkdir(dir)));
  const recorded: Recorded = {metrics: [], logs: []};
  const artifact = (p: string, type: 'images' | 'features') => ({
    path: p,
    type,
    digest: 'test',
    producer: 'fixture',
    matrix: {},
  });
  const context: StageContext<TrainParams> = {
    params,
    inputs: Object.fromEntries(
      Object.entries(inputs).map(([port, p]) => [
        port,
        artifact(p, port.includes('features') ? 'features' : 'images'),
      ]),
    ),
    outputs,
    workspace: root,
    instance: 'train',
    seed: params.seed ?? 1,
    cores: 2,
    tempDir: root,
    signal: new AbortController().signal,
    log: (message) => recorded.logs.push(message),
    progress: () => undefined,
    metric: (name, value, options) => {
      recorded.metrics.push({
        name,
        value,
        ...(options?.step !== undefined && {step: options.step}),
      });
    },
  };
  return {context, recorded};
}

/** `train` params with every default, as the runner would resolve them. */
export function defaultParams(overrides: Partial<TrainParams>): TrainParams {
  return {
    model: 'cnn',
    backend: 'auto',
    conv_layers: 2,
    kernel_size: 3,
    pooling: 'max',
    dropout: 0,
    batch_norm: false,
    head_layers: 1,
    head_units: 128,
    head_dropout: 0.3,
    fine_tune_blocks: 0,
    fine_tune_lr: 1e-5,
    optimizer: 'adam',
    lr: 1e-3,
    lr_schedule: 'constant',
    batch_size: 32,
    epochs: 10,
    patience: 5,
    restore_best: true,
    class_weights: 'none',
    fraction: 1,
    workers: 0,
    svm_c: [1, 10, 100],
    svm_kernels: ['linear', 'rbf', 'poly'],
    svm_gamma: ['scale', 'auto'],
    folds: 10,
    grid_search: true,
    ...overrides,
  };
}
