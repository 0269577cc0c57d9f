import type * as tfType from '@tensorflow/tfjs';
import type {Normalization} from '../../artifacts/images.js';

type Tf = Omit<typeof tfType, 'default'>;

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];
// Grey images take the average of the three ImageNet channels.
const GREY_MEAN = [0.449];
const GREY_STD = [0.226];

/**
 * Maps [0, 1] pixels to what a model was trained on, as a differentiable
 * tensor op, so attacks and saliency work in pixel space while gradients
 * flow through the model's own input scaling.
 */
export function normaliseTensor(
  tf: Tf,
  pixels: tfType.Tensor4D,
  normalization: Normalization,
): tfType.Tensor4D {
  switch (normalization) {
    case 'unit':
      return pixels;
    case 'symmetric':
      return tf.sub(tf.mul(pixels, 2), 1);
    case 'imagenet': {
      const channels = pixels.shape[3];
      const mean = channels === 1 ? GREY_MEAN : IMAGENET_MEAN;
      const std = channels === 1 ? GREY_STD : IMAGENET_STD;
      return tf.div(tf.sub(pixels, tf.tensor1d(mean)), tf.tensor1d(std));
    }
  }
}

/** uint8 NHWC pixels as a float [0, 1] tensor. */
export function unitPixels(
  tf: Tf,
  pixels: Uint8Array,
  shape: readonly [number, number, number, number],
): tfType.Tensor4D {
  return tf.tidy(() => tf.div(tf.tensor4d(pixels, [...shape], 'float32'), 255));
}
