import {mkdtemp, mkdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {MetricRecord} from '../../artifacts/metrics.js';
import type {
  InputArtifact,
  MetricOptions,
  StageContext,
} from '../../runner/stage-definition.js';

/** A real context for calling a stage's run() directly, plus what it reported. */
export interface TestStage<P> {
  readonly context: StageContext<P>;
  readonly metrics: MetricRecord[];
  readonly logs: string[];
  /** Removes every folder the context made. */
  cleanup(): Promise<void>;
}

export interface TestStageOptions<P> {
  readonly params: P;
  readonly inputs?: Readonly<Record<string, InputArtifact | InputArtifact[]>>;
  readonly outputs: readonly string[];
  readonly instance?: string;
  readonly seed?: number;
}

/** Builds a context whose output folders are fresh and empty. */
export async function createTestStage<P>(
  options: TestStageOptions<P>,
): Promise<TestStage<P>> {
  const root = await mkdtemp(join(tmpdir(), 'stage-test-'));
  const outputs: Record<string, string> = {};
  for (const port of options.outputs) {
    outputs[port] = join(root, 'out', port);
    await mkdir(outputs[port], {recursive: true});
  }
  const tempDir = join(root, 'tmp');
  await mkdir(tempDir);
  const metrics: MetricRecord[] = [];
  const logs: string[] = [];
  const context: StageContext<P> = {
    params: options.params,
    inputs: options.inputs ?? {},
    outputs,
    workspace: root,
    instance: options.instance ?? 'test',
    seed: options.seed ?? 1,
    cores: 1,
    tempDir,
    signal: new AbortController().signal,
    log: (message) => logs.push(message),
    progress: () => undefined,
    metric: (name: string, value: number, extra?: MetricOptions) =>
      metrics.push({name, value, ...extra}),
  };
  return {
    context,
    metrics,
    logs,
    cleanup: () => rm(root, {recursive: true, force: true}),
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
