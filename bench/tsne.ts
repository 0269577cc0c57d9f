import {performance} from 'node:perf_hooks';
import {SeededRandom} from '../runner/util/seeded-random.js';
import {embedNeighbours} from '../stages/visualize/tsne/barnes-hut-tsne.js';
import {nearestNeighbours} from '../stages/visualize/tsne/nearest-neighbours.js';

// t-SNE of 4,900 x 256 clustered features (the size of KDEF features),
// against the baseline of one exact O(n^2) gradient pass per iteration.
const COUNT = Number(process.env.TSNE_COUNT ?? 4900);
const DIM = 256;
const CLUSTERS = 7;

function clusteredFeatures(): Float32Array {
  const random = new SeededRandom(1);
  const centres = Array.from(
    {length: CLUSTERS * DIM},
    () => random.normal() * 4,
  );
  const data = new Float32Array(COUNT * DIM);
  for (let i = 0; i < COUNT; i++) {
    for (let d = 0; d < DIM; d++) {
      data[i * DIM + d] =
        (centres[(i % CLUSTERS) * DIM + d] ?? 0) + random.normal();
    }
  }
  return data;
}

function exactGradientPass(y: Float64Array, dims: number): number {
  let sum = 0;
  for (let i = 0; i < COUNT; i++) {
    for (let j = 0; j < COUNT; j++) {
      let distance2 = 0;
      for (let d = 0; d < dims; d++) {
        const delta = (y[i * dims + d] ?? 0) - (y[j * dims + d] ?? 0);
        distance2 += delta * delta;
      }
      sum += 1 / (1 + distance2);
    }
  }
  return sum;
}

// CPU seconds of this process: the machine is shared, so wall time
// overstates what one free core needs.
function time<T>(label: string, work: () => T): [T, number] {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = work();
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const seconds = (used.user + used.system) / 1e6;
  console.log(
    `${label}: ${seconds.toFixed(2)} s CPU (${wall.toFixed(2)} s wall)`,
  );
  return [result, seconds];
}

const data = clusteredFeatures();
const [neighbours] = time('kNN (k = 90)', () =>
  nearestNeighbours(data, COUNT, DIM, 90),
);
for (const dims of [2, 3] as const) {
  const [result, seconds] = time(`t-SNE ${dims}-D, 750 iterations`, () =>
    embedNeighbours(neighbours, {dims, perplexity: 30, seed: 1}),
  );
  const [, exact] = time(`baseline: one exact ${dims}-D pass`, () =>
    exactGradientPass(result.embedding, dims),
  );
  console.log(
    `  KL ${result.divergence.toFixed(3)}; 750 exact passes would take ` +
      `${(exact * 750).toFixed(0)} s, ${((exact * 750) / seconds).toFixed(0)}x ` +
      'the Barnes-Hut run',
  );
}
