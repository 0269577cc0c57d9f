import {parentPort, workerData} from 'node:worker_threads';
import type {CvJob, CvJobResult, CvShared} from './cv-job.js';
import {loadLibsvm} from './libsvm.js';
import {
  fillGramRows,
  gramNorms,
  kernelFromGram,
  kernelRows,
  type Gram,
} from './precomputed-kernel.js';
import {splitFold} from './stratified-folds.js';
import {resolveGamma, toCommand} from './svm-params.js';

// One thread of the cross-validation pool: it owns a libsvm instance and
// runs one job per message on the shared rows and inner products.
const shared = workerData as CvShared;
const data = new Float64Array(shared.data);
const labels = new Int32Array(shared.labels);
const folds = new Int32Array(shared.folds);
const products = new Float64Array(shared.products);
const libsvm = await loadLibsvm();
let gram: Gram | undefined;

parentPort?.on('message', (job: CvJob) => {
  parentPort?.postMessage(runJob(job));
});

function runJob(job: CvJob): CvJobResult {
  try {
    const correct = job.kind === 'gram' ? fillRange(job) : scoreFold(job);
    return {id: job.id, correct, error: undefined};
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {id: job.id, correct: 0, error: message};
  }
}

function fillRange(job: CvJob & {kind: 'gram'}): number {
  fillGramRows(data, shared.dim, products, job);
  return 0;
}

function scoreFold(job: CvJob & {kind: 'fit'}): number {
  const count = labels.length;
  // Every gram job has finished before the first fit is sent.
  gram ??= {products, norms: gramNorms(products, count), count};
  const {train, test} = splitFold(folds, job.fold);
  const gamma = resolveGamma(job.params.gamma, data, shared.dim, train);
  const kernelAt = kernelFromGram({kernel: job.params.kernel, gamma}, gram);
  const model = libsvm.train(
    kernelRows(kernelAt, train, train),
    Array.from(train, (i) => labels[i] ?? 0),
    toCommand(job.params, gamma, {precomputed: true}),
  );
  try {
    const predicted = libsvm.predict(model, kernelRows(kernelAt, test, train));
    return predicted.filter((label, i) => label === labels[test[i] ?? 0])
      .length;
  } finally {
    libsvm.free(model);
  }
}
