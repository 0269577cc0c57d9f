import {Type, type TObject} from '@sinclair/typebox';
import {
  defineStage,
  type InputPort,
  type OutputPort,
  type StageDefinition,
} from '../../../runner/stage-definition.js';

// Tiny stage types for loader tests, so that the tests do not change when
// the real ML stages gain parameters.
function fixture<S extends TObject>(
  name: string,
  params: S,
  inputs: Record<string, InputPort>,
  outputs: Record<string, OutputPort>,
): StageDefinition<S> {
  return defineStage({
    name,
    version: 1,
    description: `Test stage ${name}.`,
    params,
    inputs,
    outputs,
    lane: 'cpu',
    load: () => Promise.reject(new Error('Test stages never run.')),
  });
}

const ingest = fixture(
  'ingest',
  Type.Object({
    source: Type.String({default: 'synthetic'}),
    size: Type.Integer({minimum: 1, default: 64}),
  }),
  {},
  {train: {type: 'images'}, test: {type: 'images'}},
);

const train = {
  ...fixture(
    'train',
    Type.Object({
      model: Type.Union([Type.Literal('cnn'), Type.Literal('resnet50')]),
      fraction: Type.Number({default: 1}),
      epochs: Type.Integer({default: 1}),
      name: Type.Optional(Type.String()),
    }),
    {images: {type: 'images'}},
    {model: {type: 'model'}},
  ),
  laneFor: (params: {model: string}) =>
    params.model === 'cnn' ? ('cpu' as const) : ('accelerator' as const),
};

const embed = fixture(
  'embed',
  Type.Object({dim: Type.Integer({default: 2})}),
  {images: {type: 'images'}},
  {features: {type: 'features'}},
);

const evaluate = fixture(
  'evaluate',
  Type.Object({}),
  {model: {type: 'model'}, images: {type: 'images'}},
  {metrics: {type: 'metrics'}},
);

const fit = fixture(
  'fit',
  Type.Object({}),
  {model: {type: 'model'}, features: {type: 'features', optional: true}},
  {metrics: {type: 'metrics'}},
);

const chart = fixture(
  'chart',
  Type.Object({title: Type.Optional(Type.String())}),
  {metrics: {type: 'metrics', many: true}},
  {figure: {type: 'figure'}},
);

const files = {
  ...fixture(
    'files',
    Type.Object({paths: Type.Array(Type.String(), {default: []})}),
    {},
    {out: {type: 'files'}},
  ),
  externalPaths: (params: {paths: string[]}) => params.paths,
};

const tool = {
  ...fixture('tool', Type.Object({}), {}, {out: {type: 'files'}}),
  openInputs: true,
};

/** The test stage types, in the shape `loadPipeline({stages})` takes. */
export const TEST_STAGES: readonly StageDefinition[] = [
  ingest,
  train,
  embed,
  evaluate,
  fit,
  chart,
  files,
  tool,
] as StageDefinition[];
