import {spawnSync} from 'node:child_process';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

// A 1,000-stage pipeline of trivial command stages (ten blocks, each a
// chain of 40, a fan-out of 50, a fan-in and a chain of 9) and the same
// DAG as a Snakefile. After one full run of each, times the no-op run
// and `pipeline status` against Snakemake's no-op run and `snakemake -n`,
// wall clock including interpreter start-up, median of five.

const CLI = fileURLToPath(new URL('../../bin/pipeline.js', import.meta.url));
const BLOCKS = 10;
const REPEATS = 5;

interface Stage {
  readonly name: string;
  readonly inputs: readonly string[];
}

function block(offset: number, previous: string | undefined): Stage[] {
  const stages: Stage[] = [];
  const add = (inputs: readonly string[]): string => {
    const name = `s${String(offset + stages.length).padStart(4, '0')}`;
    stages.push({name, inputs});
    return name;
  };
  let last = add(previous === undefined ? [] : [previous]);
  for (let i = 1; i < 40; i++) {
    last = add([last]);
  }
  const root = last;
  const fanned = Array.from({length: 50}, () => add([root]));
  last = add(fanned);
  for (let i = 0; i < 9; i++) {
    last = add([last]);
  }
  return stages;
}

function generateStages(): Stage[] {
  const stages: Stage[] = [];
  for (let b = 0; b < BLOCKS; b++) {
    stages.push(...block(stages.length, stages.at(-1)?.name));
  }
  return stages;
}

function toPipeline(stages: readonly Stage[]): string {
  const lines = ['pipeline: noop-bench', 'stages:'];
  for (const {name, inputs} of stages) {
    lines.push(`  ${name}:`, '    uses: command');
    if (inputs.length === 1) {
      lines.push(`    inputs: {src: ${inputs[0]}.out}`);
    } else if (inputs.length > 1) {
      lines.push(
        `    inputs: {parts: [${inputs.map((i) => `${i}.out`).join(', ')}]}`,
      );
    }
    lines.push(
      `    with: {run: echo ${name} > out/${name}.txt, outs: {out: out/${name}.txt}}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function toSnakefile(stages: readonly Stage[]): string {
  const all = stages.map((s) => `"out/${s.name}.txt"`).join(', ');
  const rules = stages.map(({name, inputs}) =>
    [
      `rule ${name}:`,
      ...(inputs.length > 0
        ? [`    input: ${inputs.map((i) => `"out/${i}.txt"`).join(', ')}`]
        : []),
      `    output: "out/${name}.txt"`,
      `    shell: "echo ${name} > {output}"`,
    ].join('\n'),
  );
  return [`rule all:\n    input: ${all}`, ...rules].join('\n\n') + '\n';
}

function run(command: string, args: readonly string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {cwd, encoding: 'utf8'});
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`,
    );
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(command: string, args: readonly string[], cwd: string): number {
  const times = Array.from({length: REPEATS}, () => run(command, args, cwd));
  return times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)] ?? NaN;
}

async function prepare(
  root: string,
  name: string,
  text: string,
): Promise<string> {
  const folder = join(root, name);
  await mkdir(join(folder, 'out'), {recursive: true});
  await writeFile(
    join(folder, name === 'pipeline' ? 'p.yaml' : 'Snakefile'),
    text,
  );
  return folder;
}

function report(
  label: string,
  ours: number,
  theirs: number,
  goal: number,
): void {
  const ratio = theirs / ours;
  const verdict = ratio >= goal ? 'PASS' : 'FAIL';
  console.log(
    `${label}: pipeline ${ours.toFixed(0)} ms, snakemake ${theirs.toFixed(0)} ms, ` +
      `${ratio.toFixed(1)}x faster (target >= ${goal}x): ${verdict}`,
  );
}

async function main(): Promise<void> {
  const stages = generateStages();
  const root = await mkdtemp(join(tmpdir(), 'noop-bench-'));
  try {
    const ours = await prepare(root, 'pipeline', toPipeline(stages));
    const theirs = await prepare(root, 'snakemake', toSnakefile(stages));
    console.log(`${stages.length} stages; first runs (not timed)...`);
    run(process.execPath, [CLI, 'run', 'p.yaml'], ours);
    run('snakemake', ['-c2', '--quiet'], theirs);
    const noop = median(process.execPath, [CLI, 'run', 'p.yaml'], ours);
    const status = median(process.execPath, [CLI, 'status', 'p.yaml'], ours);
    const snakeNoop = median('snakemake', ['-c2', '--quiet'], theirs);
    const snakeDry = median('snakemake', ['-n', '--quiet'], theirs);
    report('no-op run', noop, snakeNoop, 5);
    report('status vs snakemake -n', status, snakeDry, 5);
    console.log(
      `no-op run under 1 s including Node start-up: ${noop < 1000 ? 'PASS' : 'FAIL'}`,
    );
  } finally {
    // NOOP_BENCH_KEEP=1 leaves the generated workspaces for profiling.
    if (process.env['NOOP_BENCH_KEEP'] === '1') console.log(`kept ${root}`);
    else await rm(root, {recursive: true, force: true});
  }
}

await main();
