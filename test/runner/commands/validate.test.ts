import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const CLI = fileURLToPath(
  new URL('../../../../bin/pipeline.js', import.meta.url),
);

function pipeline(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: {...process.env, NO_COLOR: '1'},
  });
  return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pipeline-validate-'));
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(dir, name), text);
  }
  return dir;
}

// Problems that need no stage type, so the output does not change as
// stage types are registered.
const BROKEN = [
  'pipeline: broken',
  'params:',
  '  epochs: 2',
  '  epochs: 3',
  '  tag: "${{ params.epochs }}"',
  'stges:',
  '  a: {uses: ingest}',
  '',
].join('\n');

test('validate prints every problem underlined and exits 2, writing nothing', async () => {
  const dir = await workspace({'broken.yaml': BROKEN});
  try {
    const result = pipeline(dir, 'validate', 'broken.yaml', '--set', 'epoch=1');
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      [
        'broken.yaml:2:1: --set epoch=1: no parameter "epoch" in `params:`. Did you mean "epochs"?',
        'params:',
        '^~~~~~',
        '',
        'broken.yaml:4:3: Duplicate key "epochs"; each key may appear once.',
        '  epochs: 3',
        '  ^~~~~~',
        '',
        'broken.yaml:5:8: Expressions are not allowed in `params:`; give a literal value.',
        '  tag: "${{ params.epochs }}"',
        '       ^~~~~~~~~~~~~~~~~~~~~~',
        '',
        'broken.yaml:6:1: Unknown top-level key "stges". Did you mean "stages"? Allowed: pipeline, params, stages.',
        'stges:',
        '^~~~~',
        '4 problems found; nothing was run.',
        '',
      ].join('\n'),
    );
    assert.equal(existsSync(join(dir, '.pipeline')), false);
    assert.deepEqual(await readdir(dir), ['broken.yaml']);
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
});

test('validate and dag reject unknown options with a usage error', async () => {
  const dir = await workspace({'broken.yaml': BROKEN});
  try {
    const validate = pipeline(dir, 'validate', 'broken.yaml', '--sett', 'x=1');
    assert.equal(validate.code, 2);
    assert.match(
      validate.stderr,
      /^pipeline validate: Unknown option '--sett'/,
    );
    assert.match(validate.stderr, /Usage: pipeline validate FILE/);
    const dag = pipeline(dir, 'dag', 'broken.yaml', '--format', 'svg');
    assert.equal(dag.code, 2);
    assert.match(dag.stderr, /--format must be text or mermaid, not "svg"/);
    assert.equal(pipeline(dir, 'dag').code, 2);
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
});
