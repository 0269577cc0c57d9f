import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const CLI = fileURLToPath(
  new URL('../../../../bin/pipeline.js', import.meta.url),
);

const FILE = [
  'pipeline: parts',
  'params: {sizes: [1, 2]}',
  'stages:',
  '  make:',
  '    uses: command',
  '    matrix: {size: "${{ params.sizes }}"}',
  '    with: {run: "echo ${{ matrix.size }} > out.txt", outs: {out: out.txt}}',
  '  sum:',
  '    uses: command',
  '    inputs: {parts: [make.out]}',
  '    with: {run: [cat], outs: {total: total.txt}}',
  '',
].join('\n');

test('dag prints a mermaid graph of the expanded instances', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pipeline-dag-'));
  try {
    await writeFile(join(dir, 'parts.yaml'), FILE);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, ...args], {cwd: dir, encoding: 'utf8'});
    const dag = run(
      'dag',
      'parts.yaml',
      '--format',
      'mermaid',
      '--set',
      'sizes=[1, 3]',
    );
    assert.equal(dag.stderr, '');
    assert.equal(dag.status, 0);
    assert.equal(
      dag.stdout,
      [
        'graph TD',
        '  n0["make[size=1]"]',
        '  n1["make[size=3]"]',
        '  n2["sum"]',
        '  n0 -->|parts| n2',
        '  n1 -->|parts| n2',
        '',
      ].join('\n'),
    );
    const validate = run('validate', 'parts.yaml');
    assert.equal(validate.status, 0);
    assert.equal(
      validate.stdout,
      'parts.yaml: valid (2 stages, 3 instances).\n',
    );
    assert.deepEqual(await readdir(dir), ['parts.yaml']);
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
});
