import assert from 'node:assert/strict';
import {mkdir} from 'node:fs/promises';
import {test} from 'node:test';
import {CliWorkspace} from './cli-workspace.js';

const PIPELINE = `pipeline: status
params: {offset: 1, lr: 0.01}
stages:
  a:
    uses: command
    with: {run: 'echo \${{ params.offset }} > a.txt', outs: {out: a.txt}}
  b:
    uses: command
    inputs: {src: a.out}
    with: {run: cp "$PIPELINE_INPUT_SRC/a.txt" b.txt, outs: {out: b.txt}}
  t:
    uses: command
    with:
      run: cat data/x.csv > t.txt
      deps: [data/x.csv]
      env: {LR: \${{ params.lr }}}
      outs: {out: t.txt}
`;

test('status says for each stale stage exactly why', async () => {
  const ws = await CliWorkspace.create(PIPELINE);
  try {
    await mkdir(ws.path('data'));
    await ws.write('data/x.csv', 'x\n1\n');
    const fresh = await ws.cli('status', 'p.yaml');
    assert.equal(
      fresh.stdout,
      'a: never run\nb: upstream a will run; never run\nt: never run\n' +
        '3 stale, 0 restorable, 0 up to date\n',
    );
    await ws.run();
    assert.equal(
      (await ws.cli('status', 'p.yaml')).stdout,
      '0 stale, 0 restorable, 3 up to date\n',
    );
    await ws.write('data/x.csv', 'x\n2\n');
    await ws.run('--only', 'a', '--set', 'offset=2');
    const stale = await ws.cli(
      'status',
      'p.yaml',
      '--set',
      'offset=2',
      '--set',
      'lr=0.02',
    );
    assert.equal(
      stale.stdout,
      'b: input src changed\n' +
        't: param env.LR changed from 0.01 to 0.02; file data/x.csv changed\n' +
        '2 stale, 0 restorable, 1 up to date\n',
    );
    const back = await ws.cli('status', 'p.yaml');
    assert.equal(
      back.stdout,
      'a: restorable from cache (an earlier run has these results; ' +
        'out a.txt differs from the stored one)\n' +
        't: file data/x.csv changed\n' +
        '1 stale, 1 restorable, 1 up to date\n',
    );
  } finally {
    await ws.remove();
  }
});
