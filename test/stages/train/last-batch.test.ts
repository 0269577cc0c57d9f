import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import {run} from '../../../stages/train/run.js';
import {defaultParams, makeContext, writeStripeImages} from './fixtures.js';

// Regression: 2,401 faces in batches of 32 leave a last batch of one, which
// the two data-parallel replicas cannot split in halves.
test('a last batch of a single example still trains', async () => {
  const {context, recorded} = await makeContext(
    defaultParams({
      conv_layers: 1,
      filters: 4,
      head_units: 8,
      epochs: 1,
      batch_size: 16,
      seed: 5,
    }),
    {},
  );
  const train = path.join(context.workspace, 'train');
  await writeStripeImages(train, 33, 1);
  Object.assign(context, {
    inputs: {
      train: {
        path: train,
        type: 'images',
        digest: 'a',
        producer: 'f',
        matrix: {},
      },
    },
  });
  await run(context);
  const losses = recorded.metrics.filter((m) => m.name === 'loss');
  assert.equal(losses.length, 1);
  assert.ok(Number.isFinite(losses[0]?.value), JSON.stringify(losses));
});
