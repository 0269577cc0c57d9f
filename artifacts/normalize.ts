import type {Normalization} from './images.js';

const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
const IMAGENET_STD = [0.229, 0.224, 0.225] as const;
// Grey images take the average of the three ImageNet channels.
const GREY_MEAN = 0.449;
const GREY_STD = 0.226;

/**
 * Converts uint8 NHWC pixels to floats the way an `images` artifact says
 * (`unit` [0, 1], `symmetric` [-1, 1], `imagenet` mean/std per channel),
 * so that training and evaluation scale inputs identically.
 */
export function toFloat(
  pixels: Uint8Array,
  normalization: Normalization,
  channels: 1 | 3 = 3,
): Float32Array {
  const out = new Float32Array(pixels.length);
  switch (normalization) {
    case 'unit':
      for (let i = 0; i < pixels.length; i++) out[i] = (pixels[i] ?? 0) / 255;
      return out;
    case 'symmetric':
      for (let i = 0; i < pixels.length; i++) {
        out[i] = (pixels[i] ?? 0) / 127.5 - 1;
      }
      return out;
    case 'imagenet':
      return standardize(pixels, out, channels);
  }
}

function standardize(
  pixels: Uint8Array,
  out: Float32Array,
  channels: 1 | 3,
): Float32Array {
  const mean = channels === 1 ? [GREY_MEAN] : IMAGENET_MEAN;
  const std = channels === 1 ? [GREY_STD] : IMAGENET_STD;
  for (let i = 0; i < pixels.length; i++) {
    const c = i % channels;
    out[i] = ((pixels[i] ?? 0) / 255 - (mean[c] ?? 0)) / (std[c] ?? 1);
  }
  return out;
}
