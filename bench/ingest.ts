// Ingest of 4,900 KDEF-sized JPEGs (562 x 762) to 64 x 64 against a bare
// sharp decode-and-resize loop over the same files, both on every core.
// The pictures are generated once and kept under the system temp folder.
import {existsSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {availableParallelism, tmpdir} from 'node:os';
import {join} from 'node:path';
import PQueue from 'p-queue';
import sharp from 'sharp';
import {ANGLE_CODES, EXPRESSION_CODES} from '../stages/ingest/kdef-name.js';
import {listFiles} from '../stages/ingest/list-files.js';
import {runIngest} from '../stages/ingest/run.js';
import {generateFaces} from '../stages/ingest/synthetic/generate-faces.js';
import {createIngestContext} from './ingest-context.js';

const SIZE = 64;
const CORES = availableParallelism();
const CONCURRENCY = Math.max(2, CORES) * 2;
const ROUNDS = 3;
const DATASET = join(tmpdir(), 'pipeline-bench', 'kdef-562x762-seed1');

async function ensureDataset(): Promise<void> {
  const done = join(DATASET, '.complete');
  if (existsSync(done)) return;
  await rm(DATASET, {recursive: true, force: true});
  const started = performance.now();
  const count = await generateFaces(DATASET, {
    seed: 1,
    identities: 70,
    expressions: EXPRESSION_CODES,
    angles: ANGLE_CODES,
    sessions: ['A', 'B'],
    width: 562,
    height: 762,
    concurrency: CONCURRENCY,
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `generated ${count} pictures at 562x762 in ${seconds.toFixed(1)} s`,
  );
  await writeFile(done, '');
}

async function bareLoop(files: readonly string[]): Promise<void> {
  const queue = new PQueue({concurrency: CONCURRENCY});
  await Promise.all(
    files.map((file) =>
      queue.add(() =>
        sharp(file).resize(SIZE, SIZE, {fit: 'cover'}).raw().toBuffer(),
      ),
    ),
  );
}

async function ingest(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'bench-ingest-'));
  const context = await createIngestContext(
    {source: 'kdef', path: DATASET, image_size: SIZE},
    root,
  );
  try {
    await runIngest(context);
  } finally {
    await rm(root, {recursive: true, force: true});
  }
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  await ensureDataset();
  const files = (await listFiles(DATASET))
    .filter((file) => file.endsWith('.JPG'))
    .map((file) => join(DATASET, file));
  console.log(
    `${files.length} files, ${CORES} cores, ${CONCURRENCY} in flight`,
  );
  const bare: number[] = [];
  const ours: number[] = [];
  // Alternate the two so that load from other processes hits both alike.
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await timed(() => bareLoop(files)));
    ours.push(await timed(ingest));
  }
  const best = (times: number[]): number => Math.min(...times);
  const rate = (seconds: number): string =>
    `${(files.length / seconds).toFixed(0)} images/s`;
  console.log(
    `bare sharp loop: best ${best(bare).toFixed(2)} s (${rate(best(bare))})`,
  );
  console.log(
    `ingest stage:    best ${best(ours).toFixed(2)} s (${rate(best(ours))})`,
  );
  const ratio = best(bare) / best(ours);
  console.log(
    `throughput ratio ingest / bare: ${ratio.toFixed(2)} (target >= 0.80)`,
  );
}

await main();
