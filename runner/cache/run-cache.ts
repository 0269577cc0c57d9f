import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {MetricRecord} from '../../artifacts/metrics.js';
import {stateDir} from '../../artifacts/local-store.js';
import {writeFileAtomic} from '../util/write-file-atomic.js';
import type {Fingerprint} from './fingerprint.js';

/** One output port's stored object. */
export interface StoredOutput {
  readonly digest: string;
  readonly bytes: number;
}

/** What a finished instance produced: enough to restore it unrun. */
export interface RunCacheEntry {
  readonly outputs: Readonly<Record<string, StoredOutput>>;
  readonly metrics: readonly MetricRecord[];
}

/**
 * Fingerprint to results, one small JSON file per fingerprint under
 * `.pipeline/cache/`. Written as each instance commits, so a killed run
 * keeps every stage it finished.
 */
export class RunCache {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  async get(fingerprint: Fingerprint): Promise<RunCacheEntry | undefined> {
    try {
      const text = await readFile(this.#file(fingerprint), 'utf8');
      return JSON.parse(text) as RunCacheEntry;
    } catch {
      return undefined;
    }
  }

  async put(fingerprint: Fingerprint, entry: RunCacheEntry): Promise<void> {
    await writeFileAtomic(this.#file(fingerprint), JSON.stringify(entry));
  }

  #file(fingerprint: Fingerprint): string {
    const shard = fingerprint.slice(0, 2);
    return join(stateDir(this.#root), 'cache', shard, `${fingerprint}.json`);
  }
}
