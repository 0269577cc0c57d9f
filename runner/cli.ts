import {writeErr, writeOut} from './log/output.js';
import type {CommandModule} from './commands/command.js';

// Commands load lazily so that `pipeline --help` and cache-hit runs never
// pay for modules they do not use.
const COMMANDS: Readonly<Record<string, () => Promise<CommandModule>>> = {
  compare: () => import('./commands/compare.js'),
  dag: () => import('./commands/dag.js'),
  gc: () => import('./commands/gc.js'),
  query: () => import('./commands/query.js'),
  report: () => import('./commands/report.js'),
  run: () => import('./commands/run.js'),
  runs: () => import('./commands/runs.js'),
  schema: () => import('./commands/schema.js'),
  show: () => import('./commands/show.js'),
  status: () => import('./commands/status.js'),
  validate: () => import('./commands/validate.js'),
};

function usage(): string {
  const names = Object.keys(COMMANDS).sort();
  return [
    'Usage: pipeline <command> [options]',
    '',
    `Commands: ${names.join(', ')}`,
    'Run `pipeline <command> --help` for the options of one command.',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    writeOut(usage());
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    writeErr(`pipeline: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const command = await load();
  return command.main(rest);
}

process.exitCode = await main(process.argv.slice(2));
