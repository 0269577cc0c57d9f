import {stat} from 'node:fs/promises';
import {hashFile, hashText} from '../runner/util/hash-file.js';
import {listFiles} from '../runner/util/list-files.js';

/** One line of a folder manifest. */
export interface ManifestEntry {
  /** `/`-separated, relative to the folder. */
  readonly path: string;
  readonly size: number;
  readonly digest: string;
}

/** A folder's content digest and total size. */
export interface FolderDigest {
  readonly digest: string;
  readonly bytes: number;
}

/**
 * The digest of a folder: the hash of its manifest, one `path size digest`
 * line per file in path order. Renaming, adding or changing any file
 * changes it; timestamps and permissions do not.
 */
export function digestManifest(entries: readonly ManifestEntry[]): string {
  const lines = entries.map((e) => `${e.path}\t${e.size}\t${e.digest}\n`);
  return hashText(lines.join(''));
}

/** Hashes every file under `folder` and returns the manifest digest. */
export async function hashFolder(folder: string): Promise<FolderDigest> {
  const entries: ManifestEntry[] = [];
  let bytes = 0;
  for (const file of await listFiles(folder)) {
    const {size} = await stat(file.absolute);
    entries.push({
      path: file.path,
      size,
      digest: await hashFile(file.absolute),
    });
    bytes += size;
  }
  return {digest: digestManifest(entries), bytes};
}
