import assert from 'node:assert/strict';
import {readdir, readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {test} from 'node:test';
import {CliWorkspace} from './cli-workspace.js';

// `a` feeds `b` feeds `c`; `b` waits for a `release` file (not a dep, so
// it does not change the fingerprint) or sleeps, to be caught mid-stage.
const CHAIN = `pipeline: chain
stages:
  a:
    uses: command
    with: {run: echo a > a.txt, outs: {out: a.txt}}
  b:
    uses: command
    inputs: {src: a.out}
    with:
      run: echo $$ > b.pid; test -f release || sleep 20; cat "$PIPELINE_INPUT_SRC/a.txt" > b.txt
      outs: {out: b.txt}
  c:
    uses: command
    inputs: {src: b.out}
    with: {run: cp "$PIPELINE_INPUT_SRC/b.txt" c.txt, outs: {out: c.txt}}
`;

/** Resolves once the run's JSON output shows `instance` started. */
async function startedStage(
  child: ReturnType<CliWorkspace['start']>['child'],
  instance: string,
): Promise<void> {
  await new Promise<void>((resolve) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(`"type":"started","instance":"${instance}"`)) {
        resolve();
      }
    });
  });
}

/** Alive and not a zombie, per /proc. */
async function isRunning(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

async function waitForFile(ws: CliWorkspace, name: string): Promise<string> {
  for (;;) {
    const text = await ws.read(name).catch(() => '');
    if (text.endsWith('\n')) {
      return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('after a SIGKILL mid-stage the next run finishes only what was left', async () => {
  const ws = await CliWorkspace.create(CHAIN);
  try {
    const first = ws.start(['run', 'p.yaml', '--json']);
    await startedStage(first.child, 'b');
    const orphan = Number(await waitForFile(ws, 'b.pid'));
    first.child.kill('SIGKILL');
    await first.done;
    assert.equal(await isRunning(orphan), true);
    await ws.write('release', '');
    const second = await ws.run();
    // The killed run's stage process was reaped, not left to race.
    assert.equal(await isRunning(orphan), false);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(second.cached, ['a']);
    assert.deepEqual(second.ran, ['b', 'c']);
    assert.equal(await ws.read('c.txt'), 'a\n');
  } finally {
    await ws.remove();
  }
});

test('two runs started at once end consistent, the second waiting', async () => {
  const ws = await CliWorkspace.create(CHAIN);
  try {
    await ws.write('release', '');
    const [one, two] = await Promise.all([ws.run(), ws.run()]);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(two.code, 0, two.stderr);
    const ran = [...one.ran, ...two.ran].sort();
    assert.deepEqual(ran, ['a', 'b', 'c']);
    assert.match(one.stderr + two.stderr, /waiting for the run in progress/);
    const third = await ws.run();
    assert.deepEqual(third.ran, []);
    const runs = await ws.query('select status from runs');
    assert.deepEqual(runs, [
      {status: 'succeeded'},
      {status: 'succeeded'},
      {status: 'succeeded'},
    ]);
  } finally {
    await ws.remove();
  }
});

test('--no-wait fails while another run holds the workspace', async () => {
  const ws = await CliWorkspace.create(CHAIN);
  try {
    const first = ws.start(['run', 'p.yaml', '--json']);
    await startedStage(first.child, 'b');
    const second = await ws.cli('run', 'p.yaml', '--no-wait');
    assert.equal(second.code, 1);
    assert.match(second.stderr, /another run \(pid \d+\) holds/);
    first.child.kill('SIGTERM');
    const stopped = await first.done;
    assert.equal(stopped.code, 130);
    assert.equal(
      await readFile(ws.path('b.txt'), 'utf8').catch(() => 'none'),
      'none',
    );
  } finally {
    await ws.remove();
  }
});

async function objectFiles(ws: CliWorkspace, name: string): Promise<string[]> {
  const root = ws.path('.pipeline/objects');
  const files = await readdir(root, {recursive: true});
  return files
    .filter((file) => file.endsWith(name))
    .map((file) => join(root, file));
}

async function flipFirstByte(file: string): Promise<void> {
  const bytes = await readFile(file);
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  await writeFile(file, bytes);
}

test('a flipped byte in a stored object is detected and its stage recomputed', async () => {
  const ws = await CliWorkspace.create(CHAIN);
  try {
    await ws.write('release', '');
    await ws.run();
    const [aObject] = await objectFiles(ws, 'a.txt');
    assert.ok(aObject);
    await flipFirstByte(aObject);
    const forced = await ws.run('--force', 'b');
    const corrupt = forced.events.filter((e) => e['type'] === 'corrupt-object');
    assert.deepEqual(
      corrupt.map((e) => e['instance']),
      ['b'],
    );
    assert.deepEqual(forced.ran, ['a', 'b']);
    // `a` was a cache hit until `b` found its object corrupt.
    assert.deepEqual(forced.cached, ['a', 'c']);
    const [bObject] = await objectFiles(ws, 'b.txt');
    assert.ok(bObject);
    await flipFirstByte(bObject);
    await ws.write('b.txt', 'changed\n');
    const restored = await ws.run();
    assert.deepEqual(restored.ran, ['b']);
    assert.equal(await ws.read('b.txt'), 'a\n');
  } finally {
    await ws.remove();
  }
});
