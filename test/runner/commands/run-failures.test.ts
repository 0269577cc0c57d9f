import assert from 'node:assert/strict';
import {test} from 'node:test';
import {CliWorkspace} from './cli-workspace.js';

// `bad` fails at once; `slow` is independent of it and takes `seconds`;
// `after` depends on `bad`.
const failing = (seconds: number): string => `pipeline: failing
stages:
  bad:
    uses: command
    with: {run: echo broken >&2; exit 3, outs: {out: bad.txt}}
  slow:
    uses: command
    with: {run: sleep ${seconds}; echo ok > slow.txt, outs: {out: slow.txt}}
  after:
    uses: command
    inputs: {src: bad.out}
    with: {run: echo after > after.txt, outs: {out: after.txt}}
`;

function statuses(events: readonly Record<string, unknown>[]): string[] {
  return events
    .filter((e) =>
      ['succeeded', 'failed', 'skipped'].includes(String(e['type'])),
    )
    .map((e) => `${String(e['instance'])} ${String(e['type'])}`)
    .sort();
}

test('a failure stops the run and cancels what is running', async () => {
  // Long enough that only cancellation can end it within the test.
  const ws = await CliWorkspace.create(failing(20));
  try {
    const result = await ws.run();
    assert.equal(result.code, 1);
    assert.deepEqual(statuses(result.events), [
      'after skipped',
      'bad failed',
      'slow skipped',
    ]);
    const failed = result.events.find((e) => e['type'] === 'failed');
    assert.equal(failed?.['error'], 'exit code 3');
    assert.equal(failed['logTail'], 'broken');
  } finally {
    await ws.remove();
  }
});

test('--keep-going runs every stage that does not depend on a failure', async () => {
  const ws = await CliWorkspace.create(failing(0.2));
  try {
    const result = await ws.run('--keep-going');
    assert.equal(result.code, 1);
    assert.deepEqual(statuses(result.events), [
      'after skipped',
      'bad failed',
      'slow succeeded',
    ]);
  } finally {
    await ws.remove();
  }
});

test('a stage past its timeout is stopped and retried stages get more attempts', async () => {
  const ws = await CliWorkspace.create(`pipeline: limits
stages:
  hang:
    uses: command
    timeout: 300ms
    with: {run: sleep 20}
  flaky:
    uses: command
    retry: 2
    with:
      run: test -f tried && echo ok > flaky.txt || { touch tried; exit 1; }
      outs: {out: flaky.txt}
`);
  try {
    const started = Date.now();
    const result = await ws.run('--keep-going');
    assert.ok(Date.now() - started < 10_000);
    const failures = result.events
      .filter((e) => e['type'] === 'failed')
      .map((e) => [e['instance'], e['error'], e['willRetry']]);
    assert.deepEqual(
      failures,
      [
        ['flaky', 'exit code 1', true],
        ['hang', 'timed out after 300 ms', false],
      ].sort(),
    );
    assert.deepEqual(result.ran, ['flaky']);
  } finally {
    await ws.remove();
  }
});
