import {Type} from '@sinclair/typebox';
import {parse} from 'yaml';
import {loadPipelineText} from '../runner/pipeline/load-pipeline.js';
import {defineStage, type StageDefinition} from '../runner/stage-definition.js';

// Loads generated 1,000-instance pipelines and compares the time with a
// bare YAML parse of the same text (the floor any loader pays).
const load = () => Promise.reject(new Error('never run'));
const STAGES = [
  defineStage({
    name: 'make',
    version: 1,
    description: 'source',
    params: Type.Object({seed: Type.Integer({default: 0}), n: Type.Number()}),
    inputs: {},
    outputs: {out: {type: 'files'}},
    lane: 'cpu',
    load,
  }),
  defineStage({
    name: 'step',
    version: 1,
    description: 'one input',
    params: Type.Object({lr: Type.Number({default: 0.1}), tag: Type.String()}),
    inputs: {in: {type: 'files'}},
    outputs: {out: {type: 'files'}},
    lane: 'cpu',
    load,
  }),
  defineStage({
    name: 'join',
    version: 1,
    description: 'gathers',
    params: Type.Object({}),
    inputs: {in: {type: 'files', many: true}},
    outputs: {out: {type: 'files'}},
    lane: 'cpu',
    load,
  }),
] as StageDefinition[];

/** A matrix of 25 x 20 trains, each scored: 1,002 instances. */
function matrixPipeline(): string {
  const a = Array.from({length: 25}, (_, index) => index / 100);
  const b = Array.from({length: 20}, (_, index) => index);
  return [
    'params: {n: 3}',
    'stages:',
    '  src: {uses: make, with: {n: "${{ params.n }}"}}',
    '  train:',
    '    uses: step',
    `    matrix: {lr: [${a.join(', ')}], layers: [${b.join(', ')}]}`,
    '    inputs: {in: src.out}',
    '    with: {lr: "${{ matrix.lr }}", tag: "l${{ matrix.layers }}"}',
    '  score: {uses: step, inputs: {in: train.out}, with: {tag: s}}',
    '  all: {uses: join, inputs: {in: score.out}}',
    '',
  ].join('\n');
}

/** 100 chains of 9 stages fanning into 100 joins: 1,000 stages. */
function chainPipeline(): string {
  const out = ['params: {n: 3}', 'stages:'];
  for (let chain = 0; chain < 100; chain++) {
    out.push(`  s${chain}_0: {uses: make, with: {n: "\${{ params.n }}"}}`);
    for (let step = 1; step < 9; step++) {
      out.push(
        `  s${chain}_${step}: {uses: step, inputs: {in: s${chain}_${step - 1}.out}, with: {tag: t${step}}}`,
      );
    }
    const from = [chain, (chain + 1) % 100].map((c) => `s${c}_8.out`);
    out.push(`  j${chain}: {uses: join, inputs: {in: [${from.join(', ')}]}}`);
  }
  return out.join('\n') + '\n';
}

function median(times: number[]): number {
  const sorted = [...times].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

// CPU time rather than wall time: on a shared machine other processes
// stretch the wall clock, not the work this process does.
function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function time(run: () => void, rounds: number): number {
  return median(Array.from({length: rounds}, () => cpuMs(run)));
}

for (const [name, text] of [
  ['matrix 25x20', matrixPipeline()],
  ['1,000 stages', chainPipeline()],
] as const) {
  const options = {file: 'bench.yaml', overrides: [], stages: STAGES};
  const loads: ReturnType<typeof loadPipelineText>[] = [];
  // The first load also compiles each stage type's schema.
  const cold = cpuMs(() => {
    loads.push(loadPipelineText(options, text));
  });
  const result = loads[0];
  if (result?.ok !== true) {
    throw new Error('bench pipeline invalid');
  }
  const warm = time(() => {
    loadPipelineText(options, text);
  }, 15);
  const baseline = time(() => {
    parse(text, {uniqueKeys: false});
  }, 15);
  console.log(
    `${name}: ${result.value.instances.length} instances, load ${warm.toFixed(1)} ms CPU ` +
      `(first ${cold.toFixed(1)} ms), yaml parse ${baseline.toFixed(1)} ms, ` +
      `ratio ${(warm / baseline).toFixed(1)}x`,
  );
}
