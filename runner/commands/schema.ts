import {rename, writeFile} from 'node:fs/promises';
import {parseArgs} from 'node:util';
import {STAGES} from '../../stages/index.js';
import {writeErr, writeOut} from '../log/output.js';
import {pipelineJsonSchema} from '../pipeline/pipeline-json-schema.js';

const USAGE = `Usage: pipeline schema [--out FILE]

Prints the JSON Schema of pipeline files (for yaml-language-server), built
from the registered stage types, or writes it to FILE.`;

/** `pipeline schema`: regenerates pipelines/schema.json for editors. */
export const summary = 'Print or write the JSON Schema editors use';

export async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({values} = parseArgs({
      args: [...argv],
      options: {out: {type: 'string'}, help: {type: 'boolean', short: 'h'}},
      strict: true,
    }));
  } catch (error) {
    writeErr(`pipeline schema: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    writeOut(USAGE);
    return 0;
  }
  const text = `${JSON.stringify(pipelineJsonSchema(STAGES), null, 2)}\n`;
  if (values.out === undefined) {
    writeOut(text);
    return 0;
  }
  // Written beside and renamed, so an editor never reads half a file.
  await writeFile(`${values.out}.tmp`, text);
  await rename(`${values.out}.tmp`, values.out);
  writeOut(`Wrote ${values.out}.`);
  return 0;
}
