import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli} from '../../helpers/run-cli.js';
import {recordSampleRuns} from '../metrics/record-sample-runs.js';

let workspace = '';

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'pipeline-results-'));
  await recordSampleRuns(workspace);
});

after(async () => {
  await rm(workspace, {recursive: true, force: true});
});

const FINAL_METRICS =
  'SELECT stage, name, value, step, labels FROM metrics WHERE run_id = ' +
  "'run-a-0001' ORDER BY stage, name, step";

test('query prints an aligned table with nulls and numbers', async () => {
  const {code, stdout} = await runCli(['query', FINAL_METRICS], workspace);
  assert.equal(code, 0);
  assert.equal(
    stdout,
    [
      'stage          name       value  step  labels',
      '-------------  --------  ------  ----  -----------------',
      'score[lr=0.1]  accuracy  0.8125  NULL  {}',
      'score[lr=0.1]  f1        0.7     NULL  {"class":"happy"}',
      'train[lr=0.1]  accuracy  0.75    NULL  {}',
      'train[lr=0.1]  loss      0.9        1  {}',
      'train[lr=0.1]  loss      0.6        2  {}',
      '',
    ].join('\n'),
  );
});

test('query --format csv keeps full precision and quotes json', async () => {
  const sql =
    "SELECT stage, value, labels FROM metrics WHERE name = 'f1' " +
    'ORDER BY run_id';
  const {stdout} = await runCli(['query', sql, '--format', 'csv'], workspace);
  assert.equal(
    stdout,
    [
      'stage,value,labels',
      'score[lr=0.1],0.7,"{""class"":""happy""}"',
      'score[lr=0.1],0.7,"{""class"":""happy""}"',
      '',
    ].join('\n'),
  );
});

test('query --format json nests json columns', async () => {
  const sql =
    'SELECT run_id, stage, cached, duration_ms, matrix FROM stages ' +
    "WHERE stage = 'data' ORDER BY run_id";
  const {stdout} = await runCli(['query', sql, '-f', 'json'], workspace);
  assert.deepEqual(JSON.parse(stdout), [
    {
      run_id: 'run-a-0001',
      stage: 'data',
      cached: false,
      duration_ms: 1200,
      matrix: {},
    },
    {
      run_id: 'run-b-0002',
      stage: 'data',
      cached: true,
      duration_ms: 3,
      matrix: {},
    },
  ]);
});

test('query reports a sql error in one line', async () => {
  const result = await runCli(['query', 'SELEC 1'], workspace);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  assert.equal(
    result.stderr,
    'pipeline query: Parser Error: syntax error at or near "SELEC"\n',
  );
});

test('query refuses to write because the database is read-only', async () => {
  const result = await runCli(['query', 'DELETE FROM runs'], workspace);
  assert.equal(result.code, 1);
  assert.match(
    result.stderr,
    /^pipeline query: results are read-only here; only `pipeline run` writes them \(.*read-only mode!\)\n$/,
  );
  const count = await runCli(
    ['query', 'SELECT count(*) AS n FROM runs', '-f', 'csv'],
    workspace,
  );
  assert.equal(count.stdout, 'n\n2\n');
});

test('query rejects an unknown format as a usage error', async () => {
  const result = await runCli(
    ['query', 'SELECT 1', '--format', 'xml'],
    workspace,
  );
  assert.equal(result.code, 2);
  assert.equal(
    result.stderr,
    'pipeline query: unknown --format "xml"; use table, csv, json\n' +
      'Usage: pipeline query "SQL" [--format table|csv|json] [--workspace DIR]\n',
  );
});

test('runs lists the newest first with stages run and cached', async () => {
  const {stdout} = await runCli(['runs', '--workspace', workspace], tmpdir());
  assert.equal(
    stdout,
    [
      'id          pipeline  status     started (UTC)        duration  ran  cached',
      '----------  --------  ---------  -------------------  --------  ---  ------',
      'run-b-0002  demo      succeeded  2026-01-02 10:00:00    1m 10s    2       1',
      'run-a-0001  demo      succeeded  2026-01-01 10:00:00    1m 10s    3       0',
      '',
    ].join('\n'),
  );
  const limited = await runCli(
    ['runs', '--pipeline', 'demo', '--limit', '1'],
    workspace,
  );
  assert.equal(limited.stdout.split('\n').length, 4);
});

test('show prints the header, stages, parameters and final metrics', async () => {
  const {code, stdout} = await runCli(['show', 'run-a'], workspace);
  assert.equal(code, 0);
  assert.equal(
    stdout,
    [
      'Run run-a-0001  demo  succeeded',
      '  file      demo.yaml',
      '  started   2026-01-01 10:00:00 UTC',
      '  finished  2026-01-01 10:01:10 UTC (1m 10s)',
      '  git       abc123',
      '  host      ci',
      '  backend   wasm',
      '',
      'Overrides',
      'parameter  value',
      '---------  -----',
      'epochs     2',
      '',
      'Stages',
      'stage          type      status     cached  duration',
      '-------------  --------  ---------  ------  --------',
      'data           ingest    succeeded  no         1.2 s',
      'train[lr=0.1]  train     succeeded  no        1m 05s',
      'score[lr=0.1]  evaluate  succeeded  no        850 ms',
      '',
      'Parameters',
      'stage          parameters',
      '-------------  ------------------------------',
      'data           source=synthetic image_size=32',
      'train[lr=0.1]  lr=0.1 epochs=2',
      '',
      'Metrics',
      'stage          metric             value',
      '-------------  ----------------  ------',
      'score[lr=0.1]  accuracy          0.8125',
      'score[lr=0.1]  f1 [class=happy]  0.7',
      'train[lr=0.1]  accuracy          0.75',
      '',
    ].join('\n'),
  );
});

test('show resolves latest and rejects an ambiguous prefix', async () => {
  const latest = await runCli(['show', 'latest'], workspace);
  assert.match(latest.stdout, /^Run run-b-0002 {2}demo {2}succeeded\n/);
  const ambiguous = await runCli(['show', 'run-'], workspace);
  assert.equal(ambiguous.code, 1);
  assert.equal(
    ambiguous.stderr,
    'pipeline show: run "run-" is ambiguous: it starts run-b-0002, ' +
      'run-a-0001; type more of the id\n',
  );
});

test('compare marks the parameters and metrics that differ', async () => {
  const {stdout} = await runCli(['compare', 'run-a', 'run-b'], workspace);
  assert.equal(
    stdout,
    [
      'Comparing A run-a-0001 (demo) with B run-b-0002 (demo); * marks a difference',
      '',
      'Parameters that differ',
      '   stage          parameter  A  B',
      '-  -------------  ---------  -  -',
      '*  overrides      epochs     2  3',
      '*  train[lr=0.1]  epochs     2  3',
      '',
      'Metrics',
      '   stage          metric                 A       B    B - A',
      '-  -------------  ----------------  ------  ------  -------',
      '*  score[lr=0.1]  accuracy          0.8125  0.8438  0.03125',
      '   score[lr=0.1]  f1 [class=happy]  0.7     0.7     0',
      '*  train[lr=0.1]  accuracy          0.75    0.8     0.05',
      '',
    ].join('\n'),
  );
});

test('a results command outside any workspace says what to do', async () => {
  const result = await runCli(['runs'], tmpdir());
  assert.equal(result.code, 1);
  assert.equal(
    result.stderr,
    'pipeline runs: no workspace here: no .pipeline/ folder in this ' +
      'directory or above; run a pipeline first or pass --workspace DIR\n',
  );
});
