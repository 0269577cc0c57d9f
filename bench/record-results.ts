// Cost of recording a no-op run of 1,000 cached stages with 5,000 metrics,
// in a fresh Node process each time, as `pipeline run` pays it. Baseline:
// the same process writing the same rows as one JSON file.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {MetricRecord} from '../artifacts/metrics.js';
import {openRunRecorder} from '../runner/metrics/open-run-recorder.js';
import type {StageRecord} from '../runner/metrics/recorder.js';

const STAGES = 1000;
const METRICS_PER_STAGE = 5;
const REPEATS = 5;

function stages(): StageRecord[] {
  return Array.from({length: STAGES}, (_, i) => ({
    stage: `s[i=${i}]`,
    type: 'command',
    matrix: {i},
    params: {i, run: 'true'},
    fingerprint: i.toString(16).padStart(64, '0'),
    cached: true,
    status: 'succeeded' as const,
    startedAt: new Date(),
    durationMs: 0,
    error: null,
  }));
}

function metrics(i: number): MetricRecord[] {
  return Array.from({length: METRICS_PER_STAGE}, (_, k) => ({
    name: `m${k}`,
    value: i / (k + 1),
    ...(k === 0 ? {step: i} : {}),
  }));
}

async function recordOnce(root: string): Promise<number> {
  const started = performance.now();
  const recorder = await openRunRecorder(root);
  await recorder.startRun({
    runId: `bench-${Date.now()}-${Math.random()}`,
    pipeline: 'bench',
    file: 'bench.yaml',
    startedAt: new Date(),
    overrides: {},
    gitRev: null,
    host: 'bench',
    backend: null,
  });
  const all = stages();
  await recorder.recordStages(all);
  for (const [i, stage] of all.entries()) {
    await recorder.recordMetrics(stage.stage, metrics(i));
  }
  await recorder.finishRun('succeeded');
  await recorder.close();
  return performance.now() - started;
}

function writeJsonOnce(root: string): number {
  const started = performance.now();
  const all = stages();
  const rows = {stages: all, metrics: all.map((_, i) => metrics(i))};
  writeFileSync(join(root, 'rows.json'), JSON.stringify(rows));
  return performance.now() - started;
}

/** Wall time of a fresh process doing `mode`, and its in-process time. */
function timeChild(mode: string, root: string): [number, number] {
  const script = fileURLToPath(import.meta.url);
  const started = performance.now();
  const out = execFileSync(process.execPath, [script, mode, root], {
    encoding: 'utf8',
  });
  return [performance.now() - started, Number(out)];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function measure(mode: string, fresh: boolean): [number, number] {
  const walls: number[] = [];
  const inside: number[] = [];
  const shared = mkdtempSync(join(tmpdir(), 'bench-results-'));
  for (let i = 0; i < REPEATS; i++) {
    const root = fresh ? mkdtempSync(join(tmpdir(), 'bench-results-')) : shared;
    const [wall, own] = timeChild(mode, root);
    walls.push(wall);
    inside.push(own);
    if (fresh) rmSync(root, {recursive: true, force: true});
  }
  rmSync(shared, {recursive: true, force: true});
  return [median(walls), median(inside)];
}

async function main(): Promise<void> {
  const [mode, root] = process.argv.slice(2);
  if (mode === 'json' && root !== undefined) {
    process.stdout.write(String(writeJsonOnce(root)));
    return;
  }
  if (mode === 'duckdb' && root !== undefined) {
    process.stdout.write(String(await recordOnce(root)));
    return;
  }
  const [jsonWall, jsonOwn] = measure('json', true);
  const [freshWall, freshOwn] = measure('duckdb', true);
  const [existingWall, existingOwn] = measure('duckdb', false);
  const rows = `${STAGES} stages + ${STAGES * METRICS_PER_STAGE} metrics`;
  console.log(`Recording ${rows}, median of ${REPEATS} fresh processes:`);
  console.log(
    `  baseline JSON file:     ${jsonWall.toFixed(0)} ms wall, ${jsonOwn.toFixed(1)} ms in process`,
  );
  console.log(
    `  DuckDB, new database:   ${freshWall.toFixed(0)} ms wall, ${freshOwn.toFixed(1)} ms in process`,
  );
  console.log(
    `  DuckDB, existing file:  ${existingWall.toFixed(0)} ms wall, ${existingOwn.toFixed(1)} ms in process`,
  );
  console.log(
    `  ratio (existing / baseline), wall: ${(existingWall / jsonWall).toFixed(2)}x`,
  );
  console.log(
    `  added cost per run vs baseline: ${(existingWall - jsonWall).toFixed(0)} ms`,
  );
}

await main();
