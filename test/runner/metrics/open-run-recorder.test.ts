import {test} from 'node:test';
import assert from 'node:assert/strict';
import {once} from 'node:events';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {DuckDBInstance} from '@duckdb/node-api';
import {openRunRecorder} from '../../../runner/metrics/open-run-recorder.js';
import {openResultsReader} from '../../../runner/metrics/open-results-reader.js';
import type {RunStart} from '../../../runner/metrics/recorder.js';
import {resultsPath} from '../../../runner/metrics/results-path.js';
import {holdResultsLock} from '../../helpers/hold-results-lock.js';
import {recordSampleRuns} from './record-sample-runs.js';

async function withWorkspace(body: (root: string) => Promise<void>) {
  const root = await mkdtemp(join(tmpdir(), 'pipeline-recorder-'));
  try {
    await body(root);
  } finally {
    await rm(root, {recursive: true, force: true});
  }
}

async function select(root: string, sql: string) {
  const reader = await openResultsReader(root);
  try {
    return (await reader.query(sql)).rows;
  } finally {
    reader.close();
  }
}

const START: RunStart = {
  runId: 'r1',
  pipeline: 'p',
  file: 'p.yaml',
  startedAt: new Date('2026-03-01T12:00:00Z'),
  overrides: {},
  gitRev: null,
  host: 'h',
  backend: null,
};

test('a recorded run lands in every table', async () => {
  await withWorkspace(async (root) => {
    await recordSampleRuns(root);
    const counts = await select(
      root,
      `SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM stages),
        (SELECT count(*) FROM metrics), (SELECT count(*) FROM artifacts),
        (SELECT count(*) FROM stage_inputs), (SELECT max(version) FROM schema_version)`,
    );
    assert.deepEqual(counts, [[2, 6, 11, 8, 4, 1]]);
    const run = await select(
      root,
      "SELECT status, finished_at::VARCHAR, overrides->>'epochs' FROM runs ORDER BY run_id",
    );
    assert.deepEqual(run, [
      ['succeeded', '2026-01-01 10:01:10', '2'],
      ['succeeded', '2026-01-02 10:01:10', '3'],
    ]);
  });
});

test('a long run becomes visible while it is still running', async () => {
  await withWorkspace(async (root) => {
    const recorder = await openRunRecorder(root, {flushIntervalMs: 20});
    await recorder.startRun(START);
    await recorder.recordMetrics('s', [{name: 'loss', value: 1, step: 1}]);
    await sleep(400);
    assert.deepEqual(
      await select(
        root,
        'SELECT status, (SELECT count(*) FROM metrics) FROM runs',
      ),
      [['running', 1]],
    );
    await recorder.recordMetrics('s', [{name: 'loss', value: 0.5, step: 2}]);
    await recorder.finishRun('failed');
    await recorder.close();
    assert.deepEqual(
      await select(
        root,
        'SELECT status, (SELECT count(*) FROM metrics) FROM runs',
      ),
      [['failed', 2]],
    );
  });
});

test('the final write waits for a reader to let go', async () => {
  await withWorkspace(async (root) => {
    await recordSampleRuns(root);
    const reader = await holdResultsLock(resultsPath(root), 'read', 1500);
    const readerExited = once(reader, 'exit');
    const started = Date.now();
    const recorder = await openRunRecorder(root);
    await recorder.startRun(START);
    await recorder.finishRun('succeeded');
    // The reader holds the file for 1.5 s from before the write began.
    assert.ok(Date.now() - started >= 500, 'wrote while a reader held it');
    await readerExited;
    assert.deepEqual(
      await select(root, "SELECT status FROM runs WHERE run_id = 'r1'"),
      [['succeeded']],
    );
  });
});

test('a reader says the database is busy while a writer holds it', async () => {
  await withWorkspace(async (root) => {
    await recordSampleRuns(root);
    const writer = await holdResultsLock(resultsPath(root), 'write', 5000);
    try {
      await assert.rejects(openResultsReader(root, 300), {
        name: 'ResultsUnavailableError',
        message: 'the database is in use by a running pipeline, try again',
      });
    } finally {
      writer.kill();
    }
  });
});

test('a database from a newer schema is refused, not changed', async () => {
  await withWorkspace(async (root) => {
    await recordSampleRuns(root);
    const instance = await DuckDBInstance.create(resultsPath(root));
    const connection = await instance.connect();
    await connection.run('INSERT INTO schema_version VALUES (99)');
    connection.closeSync();
    instance.closeSync();
    const recorder = await openRunRecorder(root);
    await recorder.startRun(START);
    await assert.rejects(
      recorder.finishRun('succeeded'),
      /schema version 99, newer/,
    );
  });
});
