import {readFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';

/**
 * The commit checked out in the git repository around `folder`, read from
 * `.git` directly (a `git` process would cost more than a no-op run's
 * whole budget). Null outside a repository.
 */
export async function readGitRev(folder: string): Promise<string | null> {
  for (let dir = folder; ; dir = dirname(dir)) {
    const head = await readFile(join(dir, '.git', 'HEAD'), 'utf8').catch(
      () => undefined,
    );
    if (head !== undefined) {
      return resolveHead(join(dir, '.git'), head.trim());
    }
    if (dirname(dir) === dir) {
      return null;
    }
  }
}

async function resolveHead(
  gitDir: string,
  head: string,
): Promise<string | null> {
  if (!head.startsWith('ref: ')) {
    return head;
  }
  const ref = head.slice('ref: '.length);
  const loose = await readFile(join(gitDir, ref), 'utf8').catch(
    () => undefined,
  );
  if (loose !== undefined) {
    return loose.trim();
  }
  const packed = await readFile(join(gitDir, 'packed-refs'), 'utf8').catch(
    () => '',
  );
  const line = packed.split('\n').find((l) => l.endsWith(` ${ref}`));
  return line?.split(' ')[0] ?? null;
}
