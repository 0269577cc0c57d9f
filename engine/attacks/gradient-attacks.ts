import type * as tfType from '@tensorflow/tfjs';
import type {Normalization} from '../../artifacts/images.js';
import {normaliseTensor} from './pixel-space.js';

type Tf = Omit<typeof tfType, 'default'>;

/** A model under attack and how it reads pixels. */
export interface AttackTarget {
  readonly tf: Tf;
  readonly model: tfType.LayersModel;
  readonly normalization: Normalization;
}

export interface PgdOptions {
  readonly epsilon: number;
  readonly iterations: number;
  /** Step size per iteration on the [0, 1] scale. */
  readonly step: number;
}

/**
 * Cross-entropy of the model on [0, 1] pixels, the loss attacks climb.
 * The model's outputs are probabilities (softmax head).
 */
export function pixelLoss(
  target: AttackTarget,
  pixels: tfType.Tensor4D,
  labels: tfType.Tensor1D,
): tfType.Scalar {
  const {tf, model, normalization} = target;
  const input = normaliseTensor(tf, pixels, normalization);
  const probabilities = model.apply(input) as tfType.Tensor2D;
  const classes = probabilities.shape[1];
  const truth = tf.oneHot(tf.cast(labels, 'int32'), classes);
  const clipped = tf.clipByValue(probabilities, 1e-7, 1);
  return tf.neg(
    tf.mean(tf.sum(tf.mul(truth, tf.log(clipped)), 1)),
  ) as tfType.Scalar;
}

/**
 * Fast gradient sign method (Goodfellow et al.): one step of size epsilon
 * along the sign of the loss gradient, clipped to valid pixels.
 */
export function fgsm(
  target: AttackTarget,
  pixels: tfType.Tensor4D,
  labels: tfType.Tensor1D,
  epsilon: number,
): tfType.Tensor4D {
  const {tf} = target;
  return tf.tidy(() => {
    const gradient = tf.grad((x: tfType.Tensor) =>
      pixelLoss(target, x as tfType.Tensor4D, labels),
    )(pixels);
    const stepped = tf.add(pixels, tf.mul(tf.sign(gradient), epsilon));
    return tf.clipByValue(stepped, 0, 1) as tfType.Tensor4D;
  });
}

/**
 * Projected gradient descent (Madry et al.): repeated signed steps, each
 * projected back into the epsilon ball around the original and into
 * [0, 1]. Starts from the original (no random start), so it is
 * deterministic.
 */
export function pgd(
  target: AttackTarget,
  pixels: tfType.Tensor4D,
  labels: tfType.Tensor1D,
  options: PgdOptions,
): tfType.Tensor4D {
  const {tf} = target;
  const low = tf.tidy(() =>
    tf.clipByValue(tf.sub(pixels, options.epsilon), 0, 1),
  );
  const high = tf.tidy(() =>
    tf.clipByValue(tf.add(pixels, options.epsilon), 0, 1),
  );
  let current = tf.clone(pixels);
  for (let i = 0; i < options.iterations; i++) {
    const next = tf.tidy(() => {
      const stepped = fgsm(target, current, labels, options.step);
      return tf.minimum<tfType.Tensor4D>(tf.maximum(stepped, low), high);
    });
    current.dispose();
    current = next;
  }
  low.dispose();
  high.dispose();
  return current;
}
