import type * as tfType from '@tensorflow/tfjs';
import type {AttackTarget} from '../../../engine/attacks/gradient-attacks.js';
import {normaliseTensor} from '../../../engine/attacks/pixel-space.js';
import {splitAtLastFeatureMap} from './split-model.js';

type Tf = Omit<typeof tfType, 'default'>;

/**
 * Gradient of the log-probability of `classIndex` with respect to the
 * [0, 1] input pixels of one image (`[1, H, W, C]`), as HWC floats. The
 * log keeps gradients alive where the softmax saturates.
 */
export function vanillaGradient(
  target: AttackTarget,
  pixels: tfType.Tensor4D,
  classIndex: number,
): Float32Array {
  const {tf} = target;
  return tf.tidy(() => {
    const gradient = tf.grad((x: tfType.Tensor) =>
      classScore(target, x as tfType.Tensor4D, classIndex),
    )(pixels);
    return gradient.dataSync() as Float32Array;
  });
}

/**
 * Guided backpropagation (Springenberg et al.): ReLUs pass back only
 * positive gradients where their input was positive. Done by swapping the
 * registered ReLU gradient for the duration of one backward pass (tfjs
 * unfuses conv + ReLU whenever it records gradients).
 */
export function guidedGradient(
  target: AttackTarget,
  pixels: tfType.Tensor4D,
  classIndex: number,
): Float32Array {
  const {tf} = target;
  const original = tf.getGradient('Relu');
  tf.registerGradient({
    kernelName: 'Relu',
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      const upstream = dy as tfType.Tensor;
      if (x === undefined) {
        throw new Error('Internal error: Relu saved no input');
      }
      return {
        x: () => tf.mul(tf.mul(upstream, tf.step(x)), tf.step(upstream)),
      };
    },
  });
  try {
    return vanillaGradient(target, pixels, classIndex);
  } finally {
    tf.registerGradient(original);
  }
}

/**
 * Grad-CAM (Selvaraju et al.): the last feature map weighted by the
 * spatial mean of the class gradient, rectified, upsampled to the image
 * and scaled to [0, 1]; one value per pixel.
 */
export function gradCam(
  target: AttackTarget,
  pixels: tfType.Tensor4D,
  classIndex: number,
): Float32Array {
  const {tf, model, normalization} = target;
  const {extractor, head} = splitAtLastFeatureMap(tf, model);
  const [, height, width] = pixels.shape;
  return tf.tidy(() => {
    const maps = extractor.apply(
      normaliseTensor(tf, pixels, normalization),
    ) as tfType.Tensor4D;
    const gradient = tf.grad((features: tfType.Tensor) =>
      logProbability(tf, head(features as tfType.Tensor4D), classIndex),
    )(maps);
    const weights = tf.mean(gradient, [1, 2], true);
    const cam = tf.relu(tf.sum(tf.mul(maps, weights), 3, true));
    const resized = tf.image.resizeBilinear(cam as tfType.Tensor4D, [
      height,
      width,
    ]);
    const peak = tf.max(resized);
    return tf.div(resized, tf.maximum(peak, 1e-12)).dataSync() as Float32Array;
  });
}

function classScore(
  target: AttackTarget,
  pixels: tfType.Tensor4D,
  classIndex: number,
): tfType.Scalar {
  const {tf, model, normalization} = target;
  const output = model.apply(normaliseTensor(tf, pixels, normalization));
  return logProbability(tf, output as tfType.Tensor, classIndex);
}

function logProbability(
  tf: Tf,
  probabilities: tfType.Tensor,
  classIndex: number,
): tfType.Scalar {
  const column = tf.slice(probabilities, [0, classIndex], [1, 1]);
  return tf.log(tf.maximum(tf.sum(column), 1e-12)) as tfType.Scalar;
}
