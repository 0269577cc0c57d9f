import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import {CliWorkspace} from './cli-workspace.js';
import {diamondPipeline} from './diamond-pipeline.js';

const ALL = ['a', 'b[k=1]', 'b[k=2]', 'b[k=3]', 'c', 'd'];

describe('pipeline run on a diamond of command stages', () => {
  let ws: CliWorkspace;

  before(async () => {
    ws = await CliWorkspace.create(diamondPipeline());
  });

  after(async () => {
    await ws.remove();
  });

  test('a first run runs every stage and gathers the matrix', async () => {
    const result = await ws.run();
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.ran, ALL);
    assert.equal(await ws.read('d.txt'), '1 2 3 ');
  });

  test('a second run runs nothing and records a complete run', async () => {
    const result = await ws.run();
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.ran, []);
    assert.deepEqual(result.cached, ALL);
    const rows = await ws.query(
      `select s.stage, s.cached, s.status from stages s
       where s.run_id = (select max(run_id) from runs) order by s.stage`,
    );
    assert.deepEqual(
      rows.map((row) => [row['stage'], row['cached'], row['status']]),
      ALL.map((id) => [id, true, 'succeeded']),
    );
    const metrics = await ws.query(
      `select name, value from metrics where run_id = (select max(run_id) from runs)`,
    );
    assert.deepEqual(metrics, [{name: 'scale', value: 2}]);
  });

  test('a parameter change re-runs exactly the stages downstream of it', async () => {
    const offset = await ws.run('--set', 'offset=2');
    assert.deepEqual(offset.ran, ['a', 'b[k=1]', 'b[k=2]', 'b[k=3]', 'd']);
    assert.equal(await ws.read('d.txt'), '2 4 6 ');
    const scale = await ws.run('--set', 'offset=2', '--set', 'scale=5');
    assert.deepEqual(scale.ran, ['c']);
  });

  test('returning to an earlier configuration restores without running', async () => {
    const result = await ws.run();
    assert.deepEqual(result.ran, []);
    assert.equal(await ws.read('d.txt'), '1 2 3 ');
    assert.equal(await ws.read('c.json'), '{"scale": 2}\n');
  });

  test('a deleted out is restored from the store without running', async () => {
    await ws.write('b2.txt', 'tampered\n');
    const result = await ws.run();
    assert.deepEqual(result.ran, []);
    assert.equal(await ws.read('b2.txt'), '2\n');
  });

  test('--force runs a stage again and --only limits the run to a stage and its upstream', async () => {
    const forced = await ws.run('--force', 'a');
    assert.deepEqual(forced.ran, ['a']);
    const only = await ws.run('--only', 'b[k=2]', '--set', 'offset=7');
    assert.deepEqual(only.ran, ['a', 'b[k=2]']);
    assert.equal(await ws.read('b2.txt'), '14\n');
    const back = await ws.run();
    assert.deepEqual(back.ran, []);
    assert.equal(await ws.read('b2.txt'), '2\n');
  });

  test('--dry-run says what would run and why, and runs nothing', async () => {
    const result = await ws.cli(
      'run',
      'p.yaml',
      '--dry-run',
      '--set',
      'scale=3',
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      'would run c: param run changed from "echo \'{\\"scale\\": 2}\' > c.json" ' +
        'to "echo \'{\\"scale\\": 3}\' > c.json"\n' +
        '1 stale, 0 restorable, 5 up to date\n',
    );
    assert.equal(await ws.read('c.json'), '{"scale": 2}\n');
  });

  test('an unknown --only stage is a usage error', async () => {
    const result = await ws.cli('run', 'p.yaml', '--only', 'e');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--only e: no such stage in p\.yaml/);
  });
});

test('a file that fails validation exits 2 and writes nothing', async () => {
  const ws = await CliWorkspace.create(
    'pipeline: bad\nstages:\n  a:\n    uses: comand\n',
  );
  try {
    const result = await ws.cli('run', 'p.yaml');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /p\.yaml:4:11: .*comand/);
    assert.equal(existsSync(ws.path('.pipeline')), false);
  } finally {
    await ws.remove();
  }
});
