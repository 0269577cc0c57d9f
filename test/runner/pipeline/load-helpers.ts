import assert from 'node:assert/strict';
import {formatDiagnostics} from '../../../runner/pipeline/format-diagnostics.js';
import {loadPipelineText} from '../../../runner/pipeline/load-pipeline.js';
import type {Plan} from '../../../runner/pipeline/plan.js';
import {TEST_STAGES} from './stage-fixtures.js';

/** Loads YAML text as `p.yaml` against the test stage types. */
export function loadText(text: string, overrides: readonly string[] = []) {
  return loadPipelineText(
    {file: 'p.yaml', overrides, stages: TEST_STAGES},
    text,
  );
}

/** The printed diagnostics of an invalid file; fails on a valid one. */
export function problems(
  text: string,
  overrides: readonly string[] = [],
): string {
  const result = loadText(text, overrides);
  if (result.ok) {
    return assert.fail('expected the file to be invalid');
  }
  return formatDiagnostics(result.error);
}

/** The plan of a valid file; fails with the diagnostics otherwise. */
export function plan(text: string, overrides: readonly string[] = []): Plan {
  const result = loadText(text, overrides);
  if (!result.ok) {
    assert.fail(formatDiagnostics(result.error));
  }
  return result.value;
}

/** Joins lines with newlines, for readable expected output. */
export function lines(...parts: string[]): string {
  return parts.join('\n') + '\n';
}
