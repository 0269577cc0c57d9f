import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli} from '../../helpers/run-cli.js';

// A two-stage command pipeline run for real, then read back through every
// results command: what `pipeline run` records is what they show.
const PIPELINE = `pipeline: tiny
params: {scale: 2}
stages:
  make:
    uses: command
    with:
      run: mkdir -p out && echo \${{ params.scale }} > out/n.txt
      outs: {data: out}
  score:
    uses: command
    inputs: {data: make.data}
    with:
      run: >-
        n=$(cat "$PIPELINE_INPUT_DATA/n.txt") &&
        printf '[{"name":"accuracy","value":0.%s},{"name":"loss","value":1,"step":1},{"name":"loss","value":0.%s,"step":2}]' "$n" "$n" > metrics.json
      metrics: metrics.json
`;

let workspace = '';

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'pipeline-results-e2e-'));
  await writeFile(join(workspace, 'tiny.yaml'), PIPELINE);
  for (const args of [[], ['--set', 'scale=3'], []]) {
    const result = await runCli(['run', 'tiny.yaml', ...args], workspace);
    assert.equal(result.code, 0, result.stderr);
  }
});

after(async () => {
  await rm(workspace, {recursive: true, force: true});
});

test('a run records its stages, cache use and metrics', async () => {
  const sql = `SELECT s.stage, s.cached, m.name, m.value, m.step
    FROM runs r JOIN stages s USING (run_id)
    LEFT JOIN metrics m ON m.run_id = s.run_id AND m.stage = s.stage
    ORDER BY r.started_at, s.stage, m.name, m.step`;
  const {stdout} = await runCli(['query', sql, '--format', 'csv'], workspace);
  assert.equal(
    stdout,
    [
      'stage,cached,name,value,step',
      'make,false,,,',
      'score,false,accuracy,0.2,',
      'score,false,loss,1,1',
      'score,false,loss,0.2,2',
      'make,false,,,',
      'score,false,accuracy,0.3,',
      'score,false,loss,1,1',
      'score,false,loss,0.3,2',
      'make,true,,,',
      'score,true,accuracy,0.2,',
      'score,true,loss,1,1',
      'score,true,loss,0.2,2',
      '',
    ].join('\n'),
  );
});

test('show and compare read the recorded runs', async () => {
  const show = await runCli(['show', 'latest'], workspace);
  assert.match(
    show.stdout,
    /^Run \S+ {2}tiny {2}succeeded\n {2}file {6}tiny.yaml\n/,
  );
  assert.match(show.stdout, /\nmake {3}command {2}succeeded {2}yes /);
  assert.match(show.stdout, /\nscore {2}accuracy {4}0\.2\n$/);
  const compare = await runCli(['compare', 'latest~2', 'latest~1'], workspace);
  const lines = compare.stdout.split('\n');
  assert.ok(
    lines.includes(
      '*  overrides  scale      -                                   3',
    ),
  );
  assert.ok(lines.includes('*  score  accuracy  0.2  0.3    0.1'));
});

test('report draws the recorded graph with its edge', async () => {
  const out = join(workspace, 'tiny.html');
  const result = await runCli(
    ['report', 'latest', '--against', 'latest~1', '--out', out],
    workspace,
  );
  assert.equal(result.code, 0, result.stderr);
  const html = await readFile(out, 'utf8');
  assert.equal(html.match(/<g class="node cached">/g)?.length, 2);
  assert.equal(html.match(/<path class="edge"/g)?.length, 1);
  assert.match(html, /<h2>Training curves<\/h2>/);
  assert.match(html, /<h2>Comparison<\/h2>/);
});
