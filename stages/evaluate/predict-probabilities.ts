import type {ModelMeta} from '../../artifacts/model.js';
import {loadModel} from '../../artifacts/load-model.js';
import {selectBackend} from '../../engine/backend.js';
import {predictSvm, readSvmModel} from '../../engine/svm/svm-model-file.js';

/** Rows to score: flat float values, `sampleShape` per row. */
export interface SampleRows {
  readonly x: Float32Array;
  readonly sampleShape: readonly number[];
  readonly count: number;
}

export interface PredictOptions {
  readonly batchSize: number;
  readonly backend: string;
  readonly onProgress: (done: number, total: number) => void;
}

/**
 * Class probabilities of every row from a `model` artifact: an SVM through
 * its libsvm model, anything else as a TensorFlow.js layers model whose
 * output is a softmax.
 */
export async function predictProbabilities(
  folder: string,
  meta: ModelMeta,
  rows: SampleRows,
  options: PredictOptions,
): Promise<number[][]> {
  if (meta.kind === 'svm') {
    const model = await readSvmModel(folder);
    const probabilities = await predictSvm(model, rows.x, meta.labels.length);
    options.onProgress(rows.count, rows.count);
    return probabilities;
  }
  await selectBackend(options.backend === 'auto' ? undefined : options.backend);
  return predictLayers(folder, rows, options);
}

async function predictLayers(
  folder: string,
  rows: SampleRows,
  options: PredictOptions,
): Promise<number[][]> {
  const tf = await import('@tensorflow/tfjs');
  const {model} = await loadModel(folder);
  const size = rows.sampleShape.reduce((a, b) => a * b, 1);
  const out: number[][] = [];
  try {
    for (let first = 0; first < rows.count; first += options.batchSize) {
      const count = Math.min(options.batchSize, rows.count - first);
      const batch = rows.x.subarray(first * size, (first + count) * size);
      const probabilities = tf.tidy(() => {
        const x = tf.tensor(batch, [count, ...rows.sampleShape]);
        return model.predict(x) as import('@tensorflow/tfjs').Tensor2D;
      });
      out.push(...(await probabilities.array()));
      probabilities.dispose();
      options.onProgress(first + count, rows.count);
    }
  } finally {
    model.dispose();
  }
  return out;
}
