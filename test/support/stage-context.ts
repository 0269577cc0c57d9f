import {mkdir, mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Static, TObject} from '@sinclair/typebox';
import {Value} from '@sinclair/typebox/value';
import type {
  InputArtifact,
  MetricOptions,
  StageContext,
  StageDefinition,
} from '../../runner/stage-definition.js';

/** A stage context for unit tests, plus what the stage reported. */
export interface TestStage<P> {
  readonly context: StageContext<P>;
  readonly logs: string[];
  readonly metrics: {name: string; value: number; options?: MetricOptions}[];
  /** Removes the temporary workspace. */
  dispose(): Promise<void>;
}

export interface TestStageOptions {
  /** Defaults to a fresh temporary folder. */
  readonly workspace?: string;
  readonly inputs?: Record<string, InputArtifact | InputArtifact[]>;
  readonly seed?: number;
}

/**
 * Builds the context the runner would hand to `definition`'s `run()`:
 * `with:` defaults applied and checked by the schema, empty output
 * folders, a temp folder, and logs and metrics collected for asserts.
 */
export async function createTestStage<S extends TObject>(
  definition: StageDefinition<S>,
  withParams: Record<string, unknown>,
  options: TestStageOptions = {},
): Promise<TestStage<Static<S>>> {
  const root = await mkdtemp(join(tmpdir(), `stage-${definition.name}-`));
  const params = Value.Default(definition.params, structuredClone(withParams));
  if (!Value.Check(definition.params, params)) {
    const first = [...Value.Errors(definition.params, params)][0];
    throw new Error(`bad test params: ${first?.path} ${first?.message}`);
  }
  const outputs: Record<string, string> = {};
  for (const port of Object.keys(definition.outputs)) {
    outputs[port] = join(root, 'out', port);
    await mkdir(outputs[port], {recursive: true});
  }
  await mkdir(join(root, 'tmp'));
  const logs: string[] = [];
  const metrics: TestStage<unknown>['metrics'] = [];
  const context: StageContext<Static<S>> = {
    params,
    inputs: options.inputs ?? {},
    outputs,
    workspace: options.workspace ?? root,
    instance: definition.name,
    seed: options.seed ?? 7,
    cores: 2,
    tempDir: join(root, 'tmp'),
    signal: new AbortController().signal,
    log: (message) => logs.push(message),
    progress: () => undefined,
    metric: (name, value, metricOptions) =>
      metrics.push({name, value, options: metricOptions}),
  };
  return {
    context,
    logs,
    metrics,
    dispose: () => rm(root, {recursive: true, force: true}),
  };
}

/** Describes a folder as an input artifact of `type`. */
export function inputArtifact(
  path: string,
  type: InputArtifact['type'],
  matrix: InputArtifact['matrix'] = {},
  producer = 'upstream',
): InputArtifact {
  return {path, type, digest: `test-${producer}`, producer, matrix};
}
