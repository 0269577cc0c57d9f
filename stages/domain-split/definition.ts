import {Type, type Static} from '@sinclair/typebox';
import {defineStage} from '../../runner/stage-definition.js';

export const DomainSplitParams = Type.Object(
  {
    domain_a: Type.String({minLength: 1, description: 'Class of domain A.'}),
    domain_b: Type.String({minLength: 1, description: 'Class of domain B.'}),
    select: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description:
          'Keep faces whose attributes match, e.g. {angle: straight}.',
      }),
    ),
    test_fraction: Type.Optional(
      Type.Number({exclusiveMinimum: 0, exclusiveMaximum: 1}),
    ),
    seed: Type.Optional(Type.Integer({minimum: 0})),
  },
  {additionalProperties: false},
);

export type DomainSplitParams = Static<typeof DomainSplitParams>;

/**
 * Writes two classes of an image set as PNG files in the four folders
 * unpaired image-to-image translation trainers (CycleGAN, CUT) read:
 * `trainA`, `trainB`, `testA`, `testB`, split by identity.
 */
export const domainSplitStage = defineStage({
  name: 'domain-split',
  version: 1,
  description: 'Two classes as trainA/trainB/testA/testB PNG folders.',
  params: DomainSplitParams,
  inputs: {images: {type: 'images'}},
  outputs: {dataset: {type: 'files'}},
  lane: 'cpu',
  load: async () => import('./run.js'),
});
