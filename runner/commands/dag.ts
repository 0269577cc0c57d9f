import {writeErr, writeOut} from '../log/output.js';
import {loadPipeline} from '../pipeline/load-pipeline.js';
import {renderDagMermaid, renderDagText} from '../pipeline/render-dag.js';
import {parseFileArguments} from './command-arguments.js';
import {reportProblems} from './report-problems.js';

const USAGE = `Usage: pipeline dag FILE [--format text|mermaid] [--set NAME=VALUE]...

Prints the expanded stage instances and the artifacts flowing between them,
as text or as a Mermaid \`graph TD\` for Markdown.`;

/** `pipeline dag FILE`: the expanded graph, for reading or for docs. */
export const summary = 'Print the expanded DAG as text or Mermaid';

export async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    writeOut(USAGE);
    return 0;
  }
  const parsed = parseFileArguments(argv, {
    set: {type: 'string', multiple: true},
    format: {type: 'string', default: 'text'},
    help: {type: 'boolean', short: 'h'},
  });
  if (!parsed.ok) {
    writeErr(`pipeline dag: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const {file, values} = parsed.value;
  if (values.format !== 'text' && values.format !== 'mermaid') {
    writeErr(
      `pipeline dag: --format must be text or mermaid, not "${values.format}".\n\n${USAGE}`,
    );
    return 2;
  }
  const result = await loadPipeline({file, overrides: values.set ?? []});
  if (!result.ok) {
    return reportProblems(result.error);
  }
  const render = values.format === 'mermaid' ? renderDagMermaid : renderDagText;
  writeOut(render(result.value));
  return 0;
}
