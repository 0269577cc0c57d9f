import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {cp, mkdtemp, readdir, rm, symlink} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {after, before, test} from 'node:test';
import {promisify} from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'bin/pipeline.js');
const STUDIES = [
  'baseline',
  'model-size',
  'dataset-size',
  'svm',
  'bias',
  'noise',
  'adversarial',
  'tsne',
  'saliency',
  'emotion-transfer',
];

// Smoke size: 7 people, 24x24 faces, one epoch, two points per sweep.
const SMOKE = ['identities=7', 'image_size=24', 'epochs=1'];
const SWEEPS: Readonly<Record<string, readonly string[]>> = {
  'model-size': ['conv_layers=[1, 2]'],
  'dataset-size': ['fractions=[0.5, 0.2]'],
  svm: ['folds=2'],
  noise: ['variances=[0, 0.1]', 'repeats=[0, 1]'],
  adversarial: ['epsilons=[0, 0.05]'],
  tsne: ['perplexities=[5]'],
};

let workspace: string;

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'studies-'));
  await cp(join(ROOT, 'pipelines'), workspace, {recursive: true});
  // The built-in translator script imports sharp, as it does in the repo.
  await symlink(join(ROOT, 'node_modules'), join(workspace, 'node_modules'));
});

after(() => rm(workspace, {recursive: true, force: true}));

async function cli(...args: string[]) {
  return run('node', [CLI, ...args], {cwd: workspace, maxBuffer: 1 << 24});
}

test('the pipelines folder holds exactly the ten studies', async () => {
  const files = (await readdir(join(ROOT, 'pipelines')))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.replace(/\.yaml$/, ''))
    .sort();
  assert.deepEqual(files, [...STUDIES].sort());
});

for (const study of STUDIES) {
  test(`pipelines/${study}.yaml validates`, async () => {
    const {stdout} = await cli('validate', `${study}.yaml`);
    assert.match(stdout, /valid/);
  });
}

test('every study runs at smoke size in one shared workspace', async () => {
  for (const study of STUDIES) {
    const sets = [...SMOKE, ...(SWEEPS[study] ?? [])].flatMap((set) => [
      '--set',
      set,
    ]);
    const result = await cli('run', `${study}.yaml`, ...sets).catch(
      (error: unknown) => {
        const {stdout, stderr} = error as {stdout: string; stderr: string};
        assert.fail(`${study} failed:\n${stdout}\n${stderr}`);
      },
    );
    assert.match(result.stdout, /run succeeded/);
  }
  const {stdout} = await cli(
    'query',
    "select count(distinct stage) from artifacts where type = 'figure'",
    '--format',
    'csv',
  );
  assert.ok(Number(stdout.trim().split('\n').at(-1)) >= 15, stdout);
});

test('a second run of a study reuses every cached stage', async () => {
  const sets = [...SMOKE, ...(SWEEPS['dataset-size'] ?? [])].flatMap((set) => [
    '--set',
    set,
  ]);
  const {stdout} = await cli('run', 'dataset-size.yaml', ...sets);
  assert.match(stdout, /run succeeded: 0 ran/);
});
