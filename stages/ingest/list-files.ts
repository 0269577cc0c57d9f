import {readdir} from 'node:fs/promises';
import {join, relative} from 'node:path';

/**
 * Every file under `root`, as paths relative to it with `/` separators,
 * sorted so that listings are the same on every machine. Hidden files
 * and folders (`.DS_Store`, `.git`) are left out.
 */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, {recursive: true, withFileTypes: true});
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .map((path) => path.split('\\').join('/'))
    .filter((path) => !path.split('/').some((part) => part.startsWith('.')))
    .sort();
}

const IMAGE = /\.(jpe?g|png|bmp|gif|tiff?|webp)$/i;

/** Whether a file name looks like an image sharp can decode. */
export function isImageName(path: string): boolean {
  return IMAGE.test(path);
}
