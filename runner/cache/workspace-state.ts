import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {stateDir} from '../../artifacts/local-store.js';
import {writeFileAtomic} from '../util/write-file-atomic.js';
import type {Fingerprint, FingerprintDocument} from './fingerprint.js';
import type {RunCacheEntry} from './run-cache.js';

/** The last result of one instance, as of the last run that reached it. */
export interface InstanceState {
  readonly fingerprint: Fingerprint;
  readonly document: FingerprintDocument;
  readonly entry: RunCacheEntry;
}

export type PipelineState = Record<string, InstanceState>;

/**
 * Per pipeline file, the last fingerprint document of each instance. An
 * up-to-date run reads this one file instead of a cache file per stage,
 * and `pipeline status` diffs against it to explain staleness.
 */
export async function readPipelineState(
  root: string,
  file: string,
): Promise<PipelineState> {
  try {
    const text = await readFile(pipelineStateFile(root, file), 'utf8');
    return JSON.parse(text) as PipelineState;
  } catch {
    return {};
  }
}

export async function writePipelineState(
  root: string,
  file: string,
  state: PipelineState,
): Promise<void> {
  await writeFileAtomic(pipelineStateFile(root, file), JSON.stringify(state));
}

function pipelineStateFile(root: string, file: string): string {
  const name = file.replace(/[^A-Za-z0-9._-]/g, '_');
  return join(stateDir(root), 'state', `${name}.json`);
}
