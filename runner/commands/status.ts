import {parseArgs} from 'node:util';
import {assessPlan} from '../cache/assess-plan.js';
import {writeErr, writeOut} from '../log/output.js';
import {formatStatus} from './format-verdicts.js';
import {loadPlanOrReport} from './load-plan.js';

export const summary = 'Say which stages a run would execute, and why.';

const USAGE = `Usage: pipeline status FILE [--set KEY=VALUE]... [--backend NAME]

Lists each stage instance that is not up to date with the reason: a
parameter that changed (from what to what), an input or a file that
changed, a new stage version, never run. Runs and writes nothing.`;

/** `pipeline status FILE`: exit 0, or 2 on a usage or validation error. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        set: {type: 'string', multiple: true},
        backend: {type: 'string'},
        help: {type: 'boolean', short: 'h'},
      },
      allowPositionals: true,
    });
  } catch (error) {
    writeErr(`pipeline status: ${String(error)}\n\n${USAGE}`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  if (parsed.values.help === true) {
    writeOut(USAGE);
    return 0;
  }
  if (file === undefined || extra.length > 0) {
    writeErr(`pipeline status: expected one pipeline FILE\n\n${USAGE}`);
    return 2;
  }
  const loaded = await loadPlanOrReport(file, parsed.values.set ?? []);
  if (loaded === undefined) {
    return 2;
  }
  const verdicts = await assessPlan(loaded.plan, {
    force: new Set(),
    versions: loaded.versions,
    backend: parsed.values.backend ?? null,
  });
  writeOut(formatStatus(verdicts));
  return 0;
}
