import {randomBytes} from 'node:crypto';
import {statSync} from 'node:fs';
import {mkdir, rename, rm} from 'node:fs/promises';
import {join} from 'node:path';
import {hashFolder, type FolderDigest} from './folder-digest.js';

/** Where workspace state lives, beside the pipeline file. */
export function stateDir(root: string): string {
  return join(root, '.pipeline');
}

/** The folder of a stored object: `.pipeline/objects/ab/abcd.../`. */
export function objectPath(root: string, digest: string): string {
  return join(stateDir(root), 'objects', digest.slice(0, 2), digest);
}

/**
 * The content-addressed object store. Stages write into a temporary
 * folder; only a finished folder is hashed and renamed into place, so a
 * crash or a kill leaves the store as it was.
 */
export class LocalStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  /** A fresh, empty folder under `.pipeline/tmp/` for a stage to fill. */
  async createTemp(): Promise<string> {
    const folder = join(this.#tempRoot(), randomBytes(8).toString('hex'));
    await mkdir(folder, {recursive: true});
    return folder;
  }

  /** Removes temporary folders that a killed run left behind. */
  async clearTemp(): Promise<void> {
    await rm(this.#tempRoot(), {recursive: true, force: true});
  }

  /**
   * Hashes `folder` and moves it into the store. When the object exists
   * already the folder is dropped: same digest, same content.
   */
  async commit(folder: string): Promise<FolderDigest> {
    const stored = await hashFolder(folder);
    const target = this.path(stored.digest);
    await mkdir(join(target, '..'), {recursive: true});
    try {
      await rename(folder, target);
    } catch (error) {
      if (!isAlreadyThere(error)) {
        throw error;
      }
      await rm(folder, {recursive: true, force: true});
    }
    return stored;
  }

  path(digest: string): string {
    return objectPath(this.#root, digest);
  }

  /** Whether the object's folder exists; a stat, no bytes read. */
  has(digest: string): Promise<boolean> {
    // Synchronous on purpose: a cached inode answers in microseconds, and
    // a no-op run asks once per output of every instance.
    const info = statSync(this.path(digest), {throwIfNoEntry: false});
    return Promise.resolve(info?.isDirectory() ?? false);
  }

  /**
   * Re-hashes an object before it is used. A corrupt object is deleted so
   * that recomputing the stage can store the right content under its name.
   */
  async verify(digest: string): Promise<boolean> {
    if (!(await this.has(digest))) {
      return false;
    }
    const {digest: actual} = await hashFolder(this.path(digest));
    if (actual === digest) {
      return true;
    }
    await rm(this.path(digest), {recursive: true, force: true});
    return false;
  }

  #tempRoot(): string {
    return join(stateDir(this.#root), 'tmp');
  }
}

function isAlreadyThere(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOTEMPTY' || code === 'EEXIST';
}
