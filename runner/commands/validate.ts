import {writeErr, writeOut} from '../log/output.js';
import {loadPipeline} from '../pipeline/load-pipeline.js';
import {parseFileArguments} from './command-arguments.js';
import {reportProblems} from './report-problems.js';

const USAGE = `Usage: pipeline validate FILE [--set NAME=VALUE]...

Checks a pipeline file without running anything: YAML, stage types, with:
values, inputs, expressions, matrices. Exit code 0 when valid, 2 when not.`;

/** `pipeline validate FILE`: every problem of a file, or its size. */
export const summary = 'Check a pipeline file and list every problem';

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseFileArguments(argv, {
    set: {type: 'string', multiple: true},
    help: {type: 'boolean', short: 'h'},
  });
  if (argv.includes('--help') || argv.includes('-h')) {
    writeOut(USAGE);
    return 0;
  }
  if (!parsed.ok) {
    writeErr(`pipeline validate: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const {file, values} = parsed.value;
  const result = await loadPipeline({file, overrides: values.set ?? []});
  if (!result.ok) {
    return reportProblems(result.error);
  }
  const stages = new Set(
    result.value.instances.map((instance) => instance.stage),
  );
  writeOut(
    `${file}: valid (${stages.size} stages, ${result.value.instances.length} instances).`,
  );
  return 0;
}
