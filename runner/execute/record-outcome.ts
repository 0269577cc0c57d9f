import type {
  RunRecorder,
  StageInputRecord,
  StageStatus,
} from '../metrics/recorder.js';
import type {Plan, PlannedInstance} from '../pipeline/plan.js';
import type {InstanceResult} from '../schedule/run-context.js';

/**
 * Hands every instance of a finished run to the recorder, a cached one
 * like one that ran (with `cached` set and its stored metrics), so each
 * run is complete on its own.
 */
export async function recordOutcome(
  recorder: RunRecorder,
  plan: Plan,
  results: ReadonlyMap<string, InstanceResult>,
): Promise<void> {
  for (const instance of plan.instances) {
    const result = results.get(instance.id);
    if (result !== undefined) {
      const inputs = inputsOf(instance, results);
      await recordInstance(recorder, instance, result, inputs);
    }
  }
}

async function recordInstance(
  recorder: RunRecorder,
  instance: PlannedInstance,
  result: InstanceResult,
  inputs: readonly StageInputRecord[],
): Promise<void> {
  await recorder.recordStage({
    stage: instance.id,
    type: instance.type,
    matrix: instance.matrix,
    params: instance.params,
    fingerprint: result.fingerprint ?? '',
    cached: result.status === 'cached',
    status: stageStatus(result),
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    error: result.error ?? null,
    inputs,
  });
  const entry = result.entry;
  if (entry === undefined) {
    return;
  }
  await recorder.recordMetrics(instance.id, entry.metrics);
  await recorder.recordArtifacts(
    Object.entries(entry.outputs).map(([port, output]) => ({
      stage: instance.id,
      port,
      digest: output.digest,
      type: instance.outputPorts[port]?.type ?? 'files',
      bytes: output.bytes,
    })),
  );
}

/** The DAG edges into an instance, for the report's stage graph. */
function inputsOf(
  instance: PlannedInstance,
  results: ReadonlyMap<string, InstanceResult>,
): StageInputRecord[] {
  return Object.entries(instance.inputs).flatMap(([port, bindings]) =>
    bindings.map((binding) => ({
      port,
      producer: binding.instance,
      producerPort: binding.port,
      digest:
        results.get(binding.instance)?.entry?.outputs[binding.port]?.digest ??
        '',
    })),
  );
}

function stageStatus(result: InstanceResult): StageStatus {
  return result.status === 'cached' ? 'succeeded' : result.status;
}

/** Every object digest a run's results point at. */
export function objectsOf(
  results: ReadonlyMap<string, InstanceResult>,
): string[] {
  const digests = new Set<string>();
  for (const result of results.values()) {
    for (const output of Object.values(result.entry?.outputs ?? {})) {
      digests.add(output.digest);
    }
  }
  return [...digests].sort();
}
