import {statSync, type Stats} from 'node:fs';
import {readFile, stat} from 'node:fs/promises';
import {basename, join} from 'node:path';
import {
  digestManifest,
  type ManifestEntry,
} from '../../artifacts/folder-digest.js';
import {stateDir} from '../../artifacts/local-store.js';
import {hashFile} from '../util/hash-file.js';
import {listFiles} from '../util/list-files.js';
import {writeFileAtomic} from '../util/write-file-atomic.js';

/** Digest recorded for a path that does not exist. */
export const MISSING = 'missing';

interface StatEntry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly digest: string;
}

/**
 * Digests of workspace files, re-hashed only when size, mtime or inode
 * changed, so an up-to-date run reads no bytes of unchanged inputs.
 * Kept in `.pipeline/state/stat-cache.json` by workspace-relative path.
 */
export class StatCache {
  readonly #root: string;
  readonly #entries: Map<string, StatEntry>;
  #dirty = false;

  private constructor(root: string, entries: Map<string, StatEntry>) {
    this.#root = root;
    this.#entries = entries;
  }

  static async load(root: string): Promise<StatCache> {
    let entries = new Map<string, StatEntry>();
    try {
      const text = await readFile(statCacheFile(root), 'utf8');
      const record = JSON.parse(text) as Record<string, StatEntry>;
      entries = new Map(Object.entries(record));
    } catch {
      // No cache yet, or an unreadable one: start empty and re-hash.
    }
    return new StatCache(root, entries);
  }

  /** Digest of a file or folder (a manifest digest), or {@link MISSING}. */
  async digestPath(relative: string): Promise<string> {
    const absolute = join(this.#root, relative);
    const info = quickStat(absolute);
    if (info === undefined) {
      return MISSING;
    }
    return info.isDirectory()
      ? this.#digestFolder(relative, absolute)
      : this.#digestFile(relative, info);
  }

  /**
   * The digest the store would give this path as an artifact: a folder's
   * manifest digest, or for a file a one-entry manifest of its base name.
   */
  async digestAsObject(relative: string): Promise<string> {
    const absolute = join(this.#root, relative);
    const info = quickStat(absolute);
    if (info === undefined) {
      return MISSING;
    }
    if (info.isDirectory()) {
      return this.#digestFolder(relative, absolute);
    }
    const digest = await this.#digestFile(relative, info);
    const path = basename(relative);
    return digestManifest([{path, size: info.size, digest}]);
  }

  /** Writes the cache back when anything was hashed. */
  async save(): Promise<void> {
    if (this.#dirty) {
      const record = Object.fromEntries(this.#entries);
      await writeFileAtomic(statCacheFile(this.#root), JSON.stringify(record));
      this.#dirty = false;
    }
  }

  async #digestFolder(relative: string, absolute: string): Promise<string> {
    const entries: ManifestEntry[] = [];
    for (const file of await listFiles(absolute)) {
      const child = `${relative}/${file.path}`;
      const info = await stat(file.absolute);
      const digest = await this.#digestFile(child, info);
      entries.push({path: file.path, size: info.size, digest});
    }
    return digestManifest(entries);
  }

  async #digestFile(
    relative: string,
    info: {size: number; mtimeMs: number; ino: number},
  ): Promise<string> {
    const known = this.#entries.get(relative);
    if (
      known?.size === info.size &&
      known.mtimeMs === info.mtimeMs &&
      known.ino === info.ino
    ) {
      return known.digest;
    }
    const digest = await hashFile(join(this.#root, relative));
    const {size, mtimeMs, ino} = info;
    this.#entries.set(relative, {size, mtimeMs, ino, digest});
    this.#dirty = true;
    return digest;
  }
}

function statCacheFile(root: string): string {
  return join(stateDir(root), 'state', 'stat-cache.json');
}

// A no-op run stats thousands of paths whose inodes are cached. The
// synchronous call takes microseconds; the promise form pays a thread-pool
// round trip each, which made stat the largest cost of a no-op run.
function quickStat(path: string): Stats | undefined {
  return statSync(path, {throwIfNoEntry: false});
}
