import {randomBytes} from 'node:crypto';
import {mkdir, rename, writeFile} from 'node:fs/promises';
import {dirname} from 'node:path';

/**
 * Writes through a temporary sibling and a rename, so a reader (or the
 * next run after a kill) sees the old content or the new, never half.
 */
export async function writeFileAtomic(
  path: string,
  data: string,
): Promise<void> {
  await mkdir(dirname(path), {recursive: true});
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, data);
  await rename(temp, path);
}
