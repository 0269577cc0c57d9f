import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';

// A separate process, because DuckDB's file lock is per process.
const HOLDER = `
const {DuckDBInstance} = await import('@duckdb/node-api');
const options = process.argv[2] === 'read' ? {access_mode: 'READ_ONLY'} : {};
const instance = await DuckDBInstance.create(process.argv[1], options);
await (await instance.connect()).run('SELECT 1');
process.stdout.write('locked\\n');
setTimeout(() => instance.closeSync(), Number(process.argv[3]));
`;

/**
 * Opens `path` in another process (as a reader or a writer) and keeps it
 * open for `ms`; resolves once the lock is held.
 */
export async function holdResultsLock(
  path: string,
  mode: 'read' | 'write',
  ms: number,
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', HOLDER, path, mode, String(ms)],
    {stdio: ['ignore', 'pipe', 'inherit']},
  );
  await once(child.stdout, 'data');
  return child;
}
