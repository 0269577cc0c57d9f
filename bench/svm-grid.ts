import {existsSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';
import {bestPoint, searchGrid} from '../engine/svm/grid-search.js';
import {fitSvm} from '../engine/svm/fit-svm.js';
import {createRandom} from '../engine/training/seeded-random.js';
import {applyScaler, fitScaler} from '../engine/svm/standard-scaler.js';
import {expandGrid} from '../engine/svm/svm-params.js';

// SVM grid search with 10-fold CV on 4,900 x 256 features, against
// scikit-learn's GridSearchCV(n_jobs=2) on the same file and grid. Both
// sides include the refit of the best point on all rows.
const COUNT = 4900;
const DIM = 256;
const CLASSES = 7;
const FOLDS = 10;
const TARGET_RATIO = 1.5;
// Scale of the class centres against unit noise: about 90% accuracy.
const SPREAD = 0.2;
// Debian's python3-sklearn lives beside the system interpreter, which a
// pyenv or venv python3 on PATH would hide.
const PYTHON =
  process.env.PYTHON ??
  (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

/**
 * Seven Gaussian clusters in 256-d with unit noise and centres close enough
 * that the classes overlap (a frozen backbone's features of 7 expressions
 * look like this: separable in bulk, confused at the edges).
 */
function makeFeatures(seed: number): {data: Float64Array; labels: Int32Array} {
  const random = createRandom(seed);
  const gaussian = (): number =>
    Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({length: CLASSES}, () =>
    Array.from({length: DIM}, () => SPREAD * gaussian()),
  );
  const data = new Float64Array(COUNT * DIM);
  const labels = new Int32Array(COUNT);
  for (let i = 0; i < COUNT; i++) {
    const label = i % CLASSES;
    labels[i] = label;
    const centre = centres[label] ?? [];
    for (let j = 0; j < DIM; j++) {
      data[i * DIM + j] = (centre[j] ?? 0) + gaussian();
    }
  }
  return {data: applyScaler(fitScaler(data, DIM), data), labels};
}

async function timeOurs(data: Float64Array, labels: Int32Array) {
  const grid = expandGrid({
    C: [1, 10, 100],
    kernels: ['linear', 'rbf', 'poly'],
    gammas: ['scale', 'auto'],
  });
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const {scores, gram} = await searchGrid({
    data,
    dim: DIM,
    labels,
    grid,
    folds: FOLDS,
    seed: 7,
    workers: 2,
  });
  const best = bestPoint(scores);
  await fitSvm({
    data,
    dim: DIM,
    labels,
    params: best.params,
    probability: false,
    gram,
  });
  const cpu = process.cpuUsage(cpuStart);
  return {
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    best,
  };
}

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'svm-grid-'));
  try {
    const {data, labels} = makeFeatures(7);
    const featuresPath = join(folder, 'features.f64');
    const labelsPath = join(folder, 'labels.i32');
    await writeFile(featuresPath, data);
    await writeFile(labelsPath, labels);
    const ours = await timeOurs(data, labels);
    console.log(
      `libsvm-js (wasm, 2 threads): ${ours.seconds.toFixed(2)} s ` +
        `(cpu ${ours.cpuSeconds.toFixed(1)} s), best ` +
        `${JSON.stringify(ours.best.params)} ` +
        `cv accuracy ${ours.best.meanAccuracy.toFixed(4)}`,
    );
    const script = new URL('../../bench/svm_grid.py', import.meta.url);
    const {stdout} = await execa(PYTHON, [
      script.pathname,
      featuresPath,
      labelsPath,
      String(DIM),
      String(FOLDS),
    ]);
    const baseline = JSON.parse(stdout) as {
      seconds: number;
      cpu_seconds: number;
      best_params: unknown;
      best_score: number;
    };
    console.log(
      `scikit-learn GridSearchCV(n_jobs=2): ${baseline.seconds.toFixed(2)} s ` +
        `(cpu ${baseline.cpu_seconds.toFixed(1)} s),` +
        ` best ${JSON.stringify(baseline.best_params)} ` +
        `cv accuracy ${baseline.best_score.toFixed(4)}`,
    );
    const ratio = ours.seconds / baseline.seconds;
    const verdict = ratio <= TARGET_RATIO ? 'meets' : 'misses';
    console.log(
      `time ratio ours/sklearn: ${ratio.toFixed(2)} ` +
        `(${verdict} the target <= ${TARGET_RATIO}); cpu time ratio ` +
        (ours.cpuSeconds / baseline.cpu_seconds).toFixed(2),
    );
  } finally {
    await rm(folder, {recursive: true, force: true});
  }
}

await main();
