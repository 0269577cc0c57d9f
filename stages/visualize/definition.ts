import {Type, type Static, type TLiteral, type TUnion} from '@sinclair/typebox';
import {defineStage} from '../../runner/stage-definition.js';

const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);

const FIGURE_KINDS = [
  'line',
  'bar',
  'box',
  'heatmap',
  'scatter',
  'tsne',
  'umap',
  'saliency',
  'adversarial',
  'samples',
] as const;

/** Every saliency method, in the order the figure shows them. */
export const SALIENCY_METHODS = [
  'vanilla',
  'guided',
  'guided-color',
  'guided-positive',
  'guided-negative',
  'gradcam',
] as const;

type Literals<T extends readonly string[]> = {
  -readonly [K in keyof T]: TLiteral<T[K]>;
};

/** A union of string literals that keeps the literal types. */
export function literals<const T extends readonly string[]>(
  values: T,
): TUnion<Literals<T>> {
  const members = values.map((value) => Type.Literal(value));
  return Type.Union(members) as unknown as TUnion<Literals<T>>;
}

const chartParams = {
  x: Type.Optional(Type.String({description: 'Field on the x axis.'})),
  y: Type.Optional(Type.String({description: 'Field on the y axis.'})),
  color: Type.Optional(Type.String({description: 'Field that groups.'})),
  metric: Type.Optional(
    Type.Union([Type.String(), Type.Array(Type.String(), {minItems: 1})], {
      description: 'Keep only these metric names.',
    }),
  ),
  where: Type.Optional(
    Type.Record(Type.String(), Scalar, {
      description: 'Keep rows whose field equals the value ("*": present).',
    }),
  ),
  x_scale: Type.Optional(literals(['linear', 'log', 'symlog'] as const)),
  band: Type.Optional(literals(['stdev', 'stderr', 'iqr', 'none'] as const)),
};

const embeddingParams = {
  dimensions: Type.Optional(
    Type.Array(Type.Union([Type.Literal(2), Type.Literal(3)]), {minItems: 1}),
  ),
  perplexities: Type.Optional(
    Type.Array(Type.Number({exclusiveMinimum: 0}), {minItems: 1}),
  ),
  iterations: Type.Optional(Type.Integer({minimum: 50, maximum: 5000})),
  neighbors: Type.Optional(Type.Integer({minimum: 2, maximum: 200})),
  color_by: Type.Optional(
    Type.String({description: '`label` or an image attribute.'}),
  ),
};

const pictureParams = {
  methods: Type.Optional(Type.Array(literals(SALIENCY_METHODS), {minItems: 1})),
  per_class: Type.Optional(Type.Integer({minimum: 1, maximum: 10})),
  select: Type.Optional(
    Type.Record(Type.String(), Type.String(), {
      description: 'Pick faces whose attributes match, e.g. {angle: S}.',
    }),
  ),
  epsilons: Type.Optional(
    Type.Array(Type.Number({minimum: 0, maximum: 1}), {minItems: 1}),
  ),
  samples: Type.Optional(literals(['misclassified', 'per-class'] as const)),
  count: Type.Optional(Type.Integer({minimum: 1, maximum: 64})),
  scale: Type.Optional(Type.Integer({minimum: 1, maximum: 8})),
};

export const VisualizeParamsSchema = Type.Object(
  {
    kind: literals(FIGURE_KINDS),
    name: Type.Optional(Type.String({pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$'})),
    title: Type.Optional(Type.String()),
    seed: Type.Optional(Type.Integer({minimum: 0})),
    ...chartParams,
    ...embeddingParams,
    ...pictureParams,
  },
  {additionalProperties: false},
);

export type VisualizeParams = Static<typeof VisualizeParamsSchema>;
export type FigureKind = VisualizeParams['kind'];
export type SaliencyMethod = (typeof SALIENCY_METHODS)[number];

const GRADIENT_KINDS: readonly FigureKind[] = ['saliency', 'adversarial'];

/**
 * Figures from upstream results: charts of gathered metrics, confusion
 * heat maps, embeddings of features, saliency maps, adversarial examples
 * and sample grids. Which inputs a kind needs is checked when it runs.
 */
export const visualizeStage = defineStage({
  name: 'visualize',
  version: 1,
  description: 'Charts, embeddings, saliency maps and sample grids.',
  params: VisualizeParamsSchema,
  inputs: {
    metrics: {type: 'metrics', many: true, optional: true},
    models: {
      type: 'model',
      many: true,
      optional: true,
      description: 'Trained models: charts get their trainable_params.',
    },
    predictions: {type: 'predictions', optional: true},
    features: {type: 'features', optional: true},
    model: {type: 'model', optional: true},
    images: {type: 'images', optional: true},
  },
  outputs: {figure: {type: 'figure'}},
  lane: 'cpu',
  laneFor: (params) =>
    GRADIENT_KINDS.includes(params.kind) ? 'accelerator' : 'cpu',
  load: async () => import('./run.js'),
});
