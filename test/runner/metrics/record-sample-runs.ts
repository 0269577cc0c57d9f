import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import sharp from 'sharp';
import {openRunRecorder} from '../../../runner/metrics/open-run-recorder.js';
import type {RunStart, StageRecord} from '../../../runner/metrics/recorder.js';

// A small, fully known pair of runs that the results tests query. Run B
// changes `epochs` and restores `data` from cache.

export const FIGURE_DIGEST = 'ab'.padEnd(64, '1');

const DIGESTS = {
  images: 'c0'.padEnd(64, '2'),
  model: (epochs: number) => `d${epochs}`.padEnd(64, '3'),
  metrics: (epochs: number) => `e${epochs}`.padEnd(64, '4'),
};

function run(id: string, day: number, epochs: number): RunStart {
  return {
    runId: id,
    pipeline: 'demo',
    file: 'demo.yaml',
    startedAt: new Date(`2026-01-0${day}T10:00:00Z`),
    overrides: {epochs},
    gitRev: 'abc123',
    host: 'ci',
    backend: 'wasm',
  };
}

function stage(
  name: string,
  type: string,
  params: Record<string, unknown>,
  extra: Partial<StageRecord> & {startedAt: Date; durationMs: number},
): StageRecord {
  return {
    stage: name,
    type,
    matrix: name.includes('[') ? {lr: 0.1} : {},
    params,
    fingerprint: `fp-${name}-${JSON.stringify(params)}`,
    cached: false,
    status: 'succeeded',
    error: null,
    ...extra,
  };
}

async function recordRun(
  root: string,
  id: string,
  day: number,
  epochs: number,
) {
  const start = run(id, day, epochs);
  const at = (seconds: number) =>
    new Date(start.startedAt.getTime() + seconds * 1000);
  const recorder = await openRunRecorder(root, {now: () => at(70)});
  await recorder.startRun(start);
  await recorder.recordStages([
    stage(
      'data',
      'ingest',
      {source: 'synthetic', image_size: 32},
      {
        startedAt: at(0),
        durationMs: epochs === 2 ? 1200 : 3,
        cached: epochs !== 2,
      },
    ),
    stage(
      'train[lr=0.1]',
      'train',
      {lr: 0.1, epochs},
      {
        startedAt: at(2),
        durationMs: 65_000,
        inputs: [edge('images', 'data', 'train', DIGESTS.images)],
      },
    ),
    stage(
      'score[lr=0.1]',
      'evaluate',
      {},
      {
        startedAt: at(68),
        durationMs: 850,
        inputs: [
          edge('model', 'train[lr=0.1]', 'model', DIGESTS.model(epochs)),
        ],
      },
    ),
  ]);
  await recorder.recordMetrics('train[lr=0.1]', [
    {name: 'loss', value: 0.9, step: 1},
    {name: 'loss', value: epochs === 2 ? 0.6 : 0.5, step: 2},
    ...(epochs === 3 ? [{name: 'loss', value: 0.45, step: 3}] : []),
    {name: 'accuracy', value: epochs === 2 ? 0.75 : 0.8},
  ]);
  await recorder.recordMetrics('score[lr=0.1]', [
    {name: 'accuracy', value: epochs === 2 ? 0.8125 : 0.84375},
    {name: 'f1', value: 0.7, labels: {class: 'happy'}},
  ]);
  await recorder.recordArtifacts([
    {
      stage: 'data',
      port: 'train',
      digest: DIGESTS.images,
      type: 'images',
      bytes: 4096,
    },
    {
      stage: 'train[lr=0.1]',
      port: 'model',
      digest: DIGESTS.model(epochs),
      type: 'model',
      bytes: 1_048_576,
    },
    {
      stage: 'score[lr=0.1]',
      port: 'metrics',
      digest: DIGESTS.metrics(epochs),
      type: 'metrics',
      bytes: 300,
    },
    {
      stage: 'score[lr=0.1]',
      port: 'figure',
      digest: FIGURE_DIGEST,
      type: 'figure',
      bytes: 2000,
    },
  ]);
  await recorder.finishRun('succeeded');
  await recorder.close();
}

function edge(
  port: string,
  producer: string,
  producerPort: string,
  digest: string,
) {
  return {port, producer, producerPort, digest};
}

/** A figure artifact in the store: one SVG chart and one PNG image. */
async function writeFigure(root: string): Promise<void> {
  const folder = join(root, '.pipeline', 'objects', 'ab', FIGURE_DIGEST);
  await mkdir(folder, {recursive: true});
  await writeFile(
    join(folder, 'bars.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80">' +
      '<rect x="10" y="20" width="30" height="60" fill="#3b6"/></svg>',
  );
  const png = await sharp({
    create: {width: 16, height: 12, channels: 3, background: '#c33'},
  })
    .png()
    .toBuffer();
  await writeFile(join(folder, 'faces.png'), png);
  // An interactive view, as a 3-D t-SNE would ship: HTML with a script.
  await writeFile(
    join(folder, 'view.html'),
    '<!DOCTYPE html><html><body><canvas width="200" height="120"></canvas>' +
      '<script>const c = document.querySelector("canvas").getContext("2d");' +
      'c.fillStyle = "#36c"; c.fillRect(20, 20, 80, 60);' +
      'document.body.dataset.drawn = "yes";</script></body></html>',
  );
  const figures = [
    {name: 'bars', title: 'Accuracy by class', files: ['bars.svg']},
    {name: 'faces', title: 'Sample faces', files: ['faces.png']},
    {name: 'view', title: 'Interactive view', files: ['view.html']},
  ];
  await writeFile(join(folder, 'figures.json'), JSON.stringify(figures));
}

/** Records runs `run-a-0001` (epochs 2) and `run-b-0002` (epochs 3). */
export async function recordSampleRuns(root: string): Promise<void> {
  await writeFigure(root);
  await recordRun(root, 'run-a-0001', 1, 2);
  await recordRun(root, 'run-b-0002', 2, 3);
}
