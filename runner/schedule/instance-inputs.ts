import type {InputArtifact} from '../stage-definition.js';
import type {PlannedInstance} from '../pipeline/plan.js';
import type {InstanceResult, RunContext} from './run-context.js';

/** An input binding resolved to the stored object that feeds it. */
export interface ResolvedInput {
  readonly port: string;
  readonly producer: string;
  readonly digest: string;
}

/**
 * The digests bound to each input port, from the finished upstream
 * results, in binding order. Undefined when an upstream has no output.
 */
export async function resolveInputs(
  context: RunContext,
  instance: PlannedInstance,
): Promise<ResolvedInput[]> {
  const resolved: ResolvedInput[] = [];
  for (const [port, bindings] of Object.entries(instance.inputs)) {
    for (const binding of bindings) {
      const result = await resultOf(context, binding.instance);
      const digest = result.entry?.outputs[binding.port]?.digest;
      if (digest === undefined) {
        throw new Error(
          `Internal error: ${binding.instance} has no output ${binding.port}`,
        );
      }
      resolved.push({port, producer: binding.instance, digest});
    }
  }
  return resolved;
}

/** Port to digests, the form a fingerprint document keeps. */
export function digestsByPort(
  inputs: readonly ResolvedInput[],
): Record<string, string[]> {
  const byPort: Record<string, string[]> = {};
  for (const input of inputs) {
    (byPort[input.port] ??= []).push(input.digest);
  }
  return byPort;
}

/** The artifacts a stage sees: one per port, an array for `many` ports. */
export function inputArtifacts(
  context: RunContext,
  instance: PlannedInstance,
  inputs: readonly ResolvedInput[],
): Record<string, InputArtifact | InputArtifact[]> {
  const artifacts: Record<string, InputArtifact | InputArtifact[]> = {};
  for (const input of inputs) {
    const artifact = toArtifact(context, instance, input);
    if (instance.inputPorts[input.port]?.many === true) {
      const list = artifacts[input.port];
      artifacts[input.port] = [...(Array.isArray(list) ? list : []), artifact];
    } else {
      artifacts[input.port] = artifact;
    }
  }
  return artifacts;
}

function toArtifact(
  context: RunContext,
  instance: PlannedInstance,
  input: ResolvedInput,
): InputArtifact {
  const producer = context.byId.get(input.producer);
  return {
    path: context.store.path(input.digest),
    type: instance.inputPorts[input.port]?.type ?? 'files',
    digest: input.digest,
    producer: input.producer,
    matrix: producer?.matrix ?? {},
  };
}

async function resultOf(
  context: RunContext,
  id: string,
): Promise<InstanceResult> {
  const result = context.results.get(id);
  if (result === undefined) {
    throw new Error(`Internal error: ${id} is not scheduled`);
  }
  return result;
}
