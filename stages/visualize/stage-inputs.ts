import type {
  InputArtifact,
  StageContext,
} from '../../runner/stage-definition.js';

/** The one artifact bound to `port`, or a clear error naming what is missing. */
export function requireInput(
  context: StageContext<{kind: string}>,
  port: string,
): InputArtifact {
  const input = context.inputs[port];
  const artifact = Array.isArray(input) ? input[0] : input;
  if (artifact === undefined) {
    throw new Error(
      `${context.instance}: visualize kind "${context.params.kind}" needs the ` +
        `input \`${port}\`; add it under inputs:`,
    );
  }
  return artifact;
}

/** Every artifact bound to a port that gathers many (none: empty). */
export function manyInputs(
  context: StageContext<unknown>,
  port: string,
): InputArtifact[] {
  const input = context.inputs[port];
  if (input === undefined) {
    return [];
  }
  return Array.isArray(input) ? input : [input];
}
