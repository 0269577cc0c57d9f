import {stat} from 'node:fs/promises';
import {dirname, join, resolve} from 'node:path';

/**
 * The workspace a results command reads: `--workspace DIR` when given,
 * else the nearest folder at or above `cwd` that holds `.pipeline/`, else
 * `./pipelines` when it holds one (the studies' workspace, so queries work
 * from the project root). Resolves to null when there is none.
 */
export async function findWorkspace(
  explicit: string | undefined,
  cwd = process.cwd(),
): Promise<string | null> {
  if (explicit !== undefined) return resolve(cwd, explicit);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (await isDirectory(join(dir, '.pipeline'))) return dir;
    if (dirname(dir) === dir) break;
  }
  const studies = join(resolve(cwd), 'pipelines');
  return (await isDirectory(join(studies, '.pipeline'))) ? studies : null;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
