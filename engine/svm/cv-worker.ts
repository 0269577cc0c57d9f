import {parentPort, workerData} from 'node:worker_threads';
import {loadLibsvm} from './libsvm.js';
import {splitFold} from './stratified-folds.js';
import {resolveGamma, toCommand} from './svm-params.js';
import type {CvJob, CvJobResult, CvShared} from './cv-job.js';

// One thread of the cross-validation pool: it owns a libsvm instance and
// fits one (parameters, fold) pair per message on the shared rows.
const shared = workerData as CvShared;
const rows = {data: new Float64Array(shared.data), dim: shared.dim};
const labels = new Int32Array(shared.labels);
const folds = new Int32Array(shared.folds);
const libsvm = await loadLibsvm();

parentPort?.on('message', (job: CvJob) => {
  parentPort?.postMessage(runJob(job));
});

function runJob(job: CvJob): CvJobResult {
  try {
    return {id: job.id, correct: scoreFold(job), error: undefined};
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {id: job.id, correct: 0, error: message};
  }
}

function scoreFold(job: CvJob): number {
  const {train, test} = splitFold(folds, job.fold);
  const gamma = resolveGamma(job.params.gamma, rows.data, rows.dim, train);
  const model = libsvm.train(rows, labels, train, toCommand(job.params, gamma));
  try {
    const predicted = libsvm.predict(model, rows, test);
    return predicted.filter((label, i) => label === labels[test[i] ?? 0])
      .length;
  } finally {
    libsvm.free(model);
  }
}
