import {readdir, stat} from 'node:fs/promises';
import {join, relative, sep} from 'node:path';

/** A regular file under a folder, by its `/`-separated relative path. */
export interface ListedFile {
  readonly path: string;
  readonly absolute: string;
}

/**
 * Every regular file under `folder`, sorted by relative path so that
 * manifests built from it are stable. Symbolic links are followed.
 */
export async function listFiles(folder: string): Promise<ListedFile[]> {
  const entries = await readdir(folder, {recursive: true});
  const files: ListedFile[] = [];
  for (const entry of entries) {
    const absolute = join(folder, entry);
    if ((await stat(absolute)).isFile()) {
      files.push({path: toPosix(relative(folder, absolute)), absolute});
    }
  }
  return files.sort((a, b) => compareText(a.path, b.path));
}

/** Code-unit order, independent of the locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
