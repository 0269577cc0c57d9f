import {delimiter} from 'node:path';
import type {InputArtifact} from '../../runner/stage-definition.js';
import type {CommandParams} from './definition.js';

/**
 * The variables a command sees besides the runner's own: `env:` values
 * and one `PIPELINE_INPUT_<PORT>` per bound input, the read-only folder
 * of the artifact (several joined by the path delimiter when gathered).
 */
export function commandEnvironment(
  params: CommandParams,
  inputs: Readonly<Record<string, InputArtifact | InputArtifact[]>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(params.env)) {
    env[name] = String(value);
  }
  for (const [port, bound] of Object.entries(inputs)) {
    const artifacts = Array.isArray(bound) ? bound : [bound];
    env[inputVariable(port)] = artifacts.map((a) => a.path).join(delimiter);
  }
  return env;
}

/** `PIPELINE_INPUT_` and the port name in upper case, `-` as `_`. */
export function inputVariable(port: string): string {
  return `PIPELINE_INPUT_${port.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}
