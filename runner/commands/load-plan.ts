import {writeErr} from '../log/output.js';
import {formatDiagnostics} from '../pipeline/format-diagnostics.js';
import {loadPipeline} from '../pipeline/load-pipeline.js';
import type {Plan} from '../pipeline/plan.js';

/**
 * Loads and validates a pipeline file for a command. On problems the
 * diagnostics go to stderr and nothing is written to the workspace.
 */
export async function loadPlanOrReport(
  file: string,
  overrides: readonly string[],
): Promise<Plan | undefined> {
  const loaded = await loadPipeline({file, overrides});
  if (loaded.ok) {
    return loaded.value;
  }
  writeErr(formatDiagnostics(loaded.error, {color: process.stderr.isTTY}));
  return undefined;
}
