import {Type, type Static} from '@sinclair/typebox';
import {defineStage, type OutputPort} from '../../runner/stage-definition.js';

const WorkspacePath = Type.String({
  minLength: 1,
  pattern: '^(?!/)(?!(.*/)?\\.\\.(/|$)).+$',
  description: 'A file or folder relative to the pipeline file, inside it.',
});

/** `with:` of a `command` stage. */
export const CommandParams = Type.Object(
  {
    run: Type.Union(
      [
        Type.String({minLength: 1, description: 'A shell command line.'}),
        Type.Array(Type.String(), {
          minItems: 1,
          description: 'A program and its arguments, run without a shell.',
        }),
      ],
      {description: 'What to run, in the folder of the pipeline file.'},
    ),
    deps: Type.Array(WorkspacePath, {
      default: [],
      description:
        'Files or folders the program reads; they join the cache key.',
    }),
    outs: Type.Record(
      Type.String({pattern: '^[A-Za-z_][A-Za-z0-9_-]*$'}),
      WorkspacePath,
      {
        default: {},
        description:
          'Output port name to the file or folder the program writes.',
      },
    ),
    env: Type.Record(
      Type.String({pattern: '^[A-Za-z_][A-Za-z0-9_]*$'}),
      Type.Union([Type.String(), Type.Number(), Type.Boolean()]),
      {default: {}, description: 'Extra environment variables.'},
    ),
    metrics: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'JSON the program writes: {name: number} or [{name, value, step, labels}].',
      }),
    ),
  },
  {additionalProperties: false},
);

export type CommandParams = Static<typeof CommandParams>;

/**
 * Any external program, for steps that live outside this project. The
 * runner starts the program itself (no stage worker); its `outs` become
 * `files` artifacts and its upstream artifacts arrive as
 * `PIPELINE_INPUT_<PORT>` folder paths.
 */
export const commandStage = defineStage({
  name: 'command',
  version: 1,
  description: 'Runs an external program with declared inputs and outputs.',
  params: CommandParams,
  inputs: {},
  openInputs: true,
  outputs: {},
  outputsFor: (params) => outputPorts(params),
  lane: 'cpu',
  externalPaths: (params) => [...params.deps].sort(),
  load: async () =>
    (await import('./command-implementation.js')).commandImplementation,
});

function outputPorts(params: CommandParams): Record<string, OutputPort> {
  const ports: Record<string, OutputPort> = {};
  for (const [name, path] of Object.entries(params.outs)) {
    ports[name] = {type: 'files', description: `workspace ${path}`};
  }
  return ports;
}
