import assert from 'node:assert/strict';
import {test} from 'node:test';
import {SeededRandom} from '../../../../runner/util/seeded-random.js';
import {runTsne} from '../../../../stages/visualize/tsne/barnes-hut-tsne.js';
import {nearestNeighbours} from '../../../../stages/visualize/tsne/nearest-neighbours.js';
import {neighbourAgreement} from '../../../../stages/visualize/tsne/neighbour-agreement.js';

const DIM = 16;

/** Three well-separated Gaussian clusters in 16 dimensions. */
function clusters(count: number): {data: Float32Array; labels: string[]} {
  const random = new SeededRandom(3);
  const data = new Float32Array(count * DIM);
  const labels: string[] = [];
  for (let i = 0; i < count; i++) {
    const cluster = i % 3;
    labels.push(`c${cluster}`);
    for (let d = 0; d < DIM; d++) {
      const centre = d % 3 === cluster ? 10 : 0;
      data[i * DIM + d] = centre + random.normal();
    }
  }
  return {data, labels};
}

test('nearest neighbours match a brute-force sort', () => {
  const {data} = clusters(40);
  const found = nearestNeighbours(data, 40, DIM, 5);
  const row = 7;
  const distances = Array.from({length: 40}, (_, j) => {
    let sum = 0;
    for (let d = 0; d < DIM; d++) {
      sum += ((data[row * DIM + d] ?? 0) - (data[j * DIM + d] ?? 0)) ** 2;
    }
    return {j, sum};
  })
    .filter(({j}) => j !== row)
    .sort((a, b) => a.sum - b.sum);
  assert.deepEqual(
    Array.from(found.indices.subarray(row * 5, row * 5 + 5)),
    distances.slice(0, 5).map(({j}) => j),
  );
});

for (const dims of [2, 3] as const) {
  test(`${dims}-D t-SNE separates well-separated clusters`, () => {
    const {data, labels} = clusters(150);
    const result = runTsne(data, 150, DIM, {
      dims,
      perplexity: 10,
      seed: 1,
      iterations: 600,
    });
    assert.equal(result.embedding.length, 150 * dims);
    assert.ok(result.embedding.every(Number.isFinite));
    assert.ok(neighbourAgreement(result.embedding, dims, labels) > 0.95);
  });
}

test('t-SNE gives the same embedding for the same seed, another for another', () => {
  const {data} = clusters(60);
  const options = {dims: 2, perplexity: 5, iterations: 100} as const;
  const first = runTsne(data, 60, DIM, {...options, seed: 4});
  const again = runTsne(data, 60, DIM, {...options, seed: 4});
  const other = runTsne(data, 60, DIM, {...options, seed: 5});
  assert.deepEqual(first.embedding, again.embedding);
  assert.notDeepEqual(first.embedding, other.embedding);
});

test('too few points for the perplexity is a clear error', () => {
  const {data} = clusters(10);
  assert.throws(
    () => runTsne(data, 10, DIM, {dims: 2, perplexity: 30, seed: 1}),
    /lower the perplexity/,
  );
});
