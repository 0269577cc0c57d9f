import assert from 'node:assert/strict';
import {test} from 'node:test';
import {computeGram} from '../../../engine/svm/fit-svm.js';
import {loadLibsvm, type RowSource} from '../../../engine/svm/libsvm.js';
import {
  crossKernelRows,
  kernelFromGram,
  kernelRows,
} from '../../../engine/svm/precomputed-kernel.js';
import {createRandom} from '../../../engine/training/seeded-random.js';
import {toCommand, type SvmParams} from '../../../engine/svm/svm-params.js';

const DIM = 5;
const random = createRandom(3);
const labels = Array.from({length: 80}, (_, i) => i % 3);
const data = Float64Array.from({length: 80 * DIM}, (_, k) => {
  const label = labels[Math.floor(k / DIM)] ?? 0;
  return (k % DIM === label ? 1.5 : 0) + random() * 2 - 1;
});
const train = Array.from({length: 60}, (_, i) => i);
const held = Array.from({length: 20}, (_, i) => 60 + i);

function featureRows(indices: readonly number[]): RowSource {
  return {
    count: indices.length,
    dim: DIM,
    fill(i, out) {
      const start = (indices[i] ?? 0) * DIM;
      out.set(data.subarray(start, start + DIM));
    },
  };
}

const cases: SvmParams[] = [
  {kernel: 'linear', C: 1, gamma: 'none'},
  {kernel: 'rbf', C: 10, gamma: 0.3},
  {kernel: 'poly', C: 1, gamma: 0.5},
];

for (const params of cases) {
  test(`a precomputed ${params.kernel} kernel predicts as libsvm's own`, async () => {
    const libsvm = await loadLibsvm();
    const gamma = typeof params.gamma === 'number' ? params.gamma : 0;
    const trainLabels = train.map((i) => labels[i] ?? 0);
    const own = libsvm.train(
      featureRows(train),
      trainLabels,
      toCommand(params, gamma),
    );
    const kernelAt = kernelFromGram(
      {kernel: params.kernel, gamma},
      computeGram(data, DIM),
    );
    const pre = libsvm.train(
      kernelRows(kernelAt, train, train),
      trainLabels,
      toCommand(params, gamma, {precomputed: true}),
    );
    const expected = libsvm.predict(own, featureRows(held));
    assert.deepEqual(
      libsvm.predict(pre, kernelRows(kernelAt, held, train)),
      expected,
    );
    const trainRows = data.slice(0, 60 * DIM);
    const heldRows = data.slice(60 * DIM);
    const cross = crossKernelRows(
      {kernel: params.kernel, gamma},
      trainRows,
      heldRows,
      DIM,
    );
    assert.deepEqual(libsvm.predict(pre, cross), expected);
    libsvm.free(own);
    libsvm.free(pre);
  });
}
