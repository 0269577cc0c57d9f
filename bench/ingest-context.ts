import {mkdir} from 'node:fs/promises';
import {availableParallelism} from 'node:os';
import {join} from 'node:path';
import type {StageContext} from '../runner/stage-definition.js';
import type {IngestParams} from '../stages/ingest/definition.js';

/** Defaults the runner would apply to an `ingest` stage's `with:`. */
export const INGEST_DEFAULTS: IngestParams = {
  source: 'synthetic',
  image_size: 64,
  channels: 3,
  split: {train: 0.7, val: 0.15, test: 0.15},
  fraction: 1,
  on_bad_image: 'error',
  normalization: 'symmetric',
};

/**
 * A stage context for running `ingest` outside the runner, writing its
 * splits under `root` (benchmarks time the stage, not the runner).
 */
export async function createIngestContext(
  params: Partial<IngestParams>,
  root: string,
): Promise<StageContext<IngestParams>> {
  const outputs = {
    train: join(root, 'train'),
    val: join(root, 'val'),
    test: join(root, 'test'),
  };
  for (const folder of [...Object.values(outputs), join(root, 'tmp')]) {
    await mkdir(folder, {recursive: true});
  }
  return {
    params: {...INGEST_DEFAULTS, ...params},
    inputs: {},
    outputs,
    workspace: root,
    instance: 'bench',
    seed: 1,
    cores: availableParallelism(),
    tempDir: join(root, 'tmp'),
    signal: new AbortController().signal,
    log: () => undefined,
    progress: () => undefined,
    metric: () => undefined,
  };
}
