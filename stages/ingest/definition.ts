import {Type} from '@sinclair/typebox';
import type {Static, TLiteral, TUnion} from '@sinclair/typebox';
import {defineStage} from '../../runner/stage-definition.js';

/** A union of string literals that keeps each literal's type. */
function oneOf<const T extends readonly string[]>(
  values: T,
  options: {description?: string; default?: T[number]} = {},
): TUnion<{-readonly [K in keyof T]: TLiteral<T[K]>}> {
  const literals = values.map((value) => Type.Literal(value));
  return Type.Union(literals, options) as unknown as TUnion<{
    -readonly [K in keyof T]: TLiteral<T[K]>;
  }>;
}

const Ratio = Type.Number({minimum: 0, maximum: 1});
const ExpressionCode = oneOf(['AF', 'AN', 'DI', 'HA', 'NE', 'SA', 'SU']);
const AngleCode = oneOf(['FL', 'HL', 'S', 'HR', 'FR']);
const SessionCode = oneOf(['A', 'B']);

const SyntheticParams = Type.Object(
  {
    identities: Type.Integer({minimum: 2, maximum: 198, default: 70}),
    expressions: Type.Array(ExpressionCode, {minItems: 1, uniqueItems: true}),
    angles: Type.Array(AngleCode, {minItems: 1, uniqueItems: true}),
    sessions: Type.Array(SessionCode, {minItems: 1, uniqueItems: true}),
    width: Type.Integer({minimum: 16, maximum: 2048, default: 128}),
    height: Type.Integer({minimum: 16, maximum: 2048, default: 174}),
  },
  {
    additionalProperties: false,
    description: 'Counts and render size of the generated face set.',
  },
);

export const IngestParams = Type.Object(
  {
    source: oneOf(
      ['kdef', 'radiate', 'fer2013', 'folder', 'manifest', 'synthetic'],
      {description: 'Which reader; `synthetic` generates the face set.'},
    ),
    path: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Dataset folder or file, relative to the workspace.',
      }),
    ),
    image_size: Type.Integer({minimum: 8, maximum: 1024, default: 64}),
    channels: Type.Union([Type.Literal(1), Type.Literal(3)], {default: 3}),
    split: Type.Object(
      {train: Ratio, val: Ratio, test: Ratio},
      {
        additionalProperties: false,
        default: {train: 0.7, val: 0.15, test: 0.15},
      },
    ),
    seed: Type.Optional(Type.Integer()),
    fraction: Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      default: 1,
      description: 'Stratified share of the train split to keep.',
    }),
    labels: Type.Optional(
      Type.Union(
        [
          Type.Array(Type.String(), {minItems: 1, uniqueItems: true}),
          Type.Record(Type.String(), Type.String()),
        ],
        {
          description:
            'A list keeps only these labels (in this order); a map renames ' +
            'source labels or codes to yours and drops the rest.',
        },
      ),
    ),
    angles: Type.Optional(Type.Array(AngleCode, {minItems: 1})),
    sessions: Type.Optional(Type.Array(SessionCode, {minItems: 1})),
    on_bad_image: oneOf(['error', 'skip'], {default: 'error'}),
    normalization: oneOf(['unit', 'symmetric', 'imagenet'], {
      default: 'symmetric',
    }),
    synthetic: Type.Optional(Type.Partial(SyntheticParams)),
  },
  {additionalProperties: false},
);

export type IngestParams = Static<typeof IngestParams>;

/** Reads a dataset or generates faces; splits it by identity. */
export const ingestStage = defineStage({
  name: 'ingest',
  version: 1,
  description:
    'Reads KDEF, RADIATE, FER2013, a folder per class or a manifest, or ' +
    'generates the synthetic face set; splits by identity into ' +
    'train/val/test image sets.',
  params: IngestParams,
  inputs: {},
  outputs: {
    train: {type: 'images', description: 'Training images.'},
    val: {type: 'images', description: 'Validation images.'},
    test: {type: 'images', description: 'Test images.'},
  },
  lane: 'cpu',
  externalPaths: (params) =>
    params.source !== 'synthetic' && params.path !== undefined
      ? [params.path]
      : [],
  load: async () => {
    const {runIngest} = await import('./run.js');
    return {run: runIngest};
  },
});
