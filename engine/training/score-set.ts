import * as tf from '@tensorflow/tfjs';
import {countCorrect, crossEntropy} from './batch-gradients.js';
import {batchTensors, type LabeledSet} from './labeled-set.js';

/** Mean cross-entropy and accuracy of `model` on `set`, in inference mode. */
export function scoreSet(
  model: tf.LayersModel,
  set: LabeledSet,
  batchSize: number,
): {loss: number; accuracy: number} {
  const count = set.labels.length;
  let lossSum = 0;
  let correct = 0;
  for (let first = 0; first < count; first += batchSize) {
    const indices = range(first, Math.min(count, first + batchSize));
    const [loss, hits] = tf.tidy(() => {
      const {x, y, labels} = batchTensors(set, indices);
      const probabilities = model.predict(x) as tf.Tensor2D;
      return [
        crossEntropy(probabilities, y).sum().dataSync()[0] ?? NaN,
        countCorrect(probabilities, labels).dataSync()[0] ?? 0,
      ];
    });
    lossSum += loss;
    correct += hits;
  }
  return {loss: lossSum / count, accuracy: correct / count};
}

function range(first: number, end: number): Int32Array {
  return Int32Array.from({length: end - first}, (_, i) => first + i);
}
