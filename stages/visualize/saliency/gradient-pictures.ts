import type {SaliencyMethod} from '../definition.js';

/** A picture of a gradient, ready for a grid: uint8 HWC, 1 or 3 channels. */
export interface GradientPicture {
  readonly pixels: Uint8Array;
  readonly channels: 1 | 3;
}

/**
 * Turns a raw input gradient (HWC floats) into the picture each method
 * shows: magnitude in grey, signed colour, or only its positive or
 * negative part. Scaled by the 99th percentile so one pixel cannot wash
 * out the rest.
 */
export function gradientPicture(
  method: Exclude<SaliencyMethod, 'gradcam'>,
  gradient: Float32Array,
  channels: 1 | 3,
): GradientPicture {
  switch (method) {
    case 'vanilla':
    case 'guided':
      return grey(reduceChannels(gradient, channels, Math.abs));
    case 'guided-positive':
      return grey(reduceChannels(gradient, channels, (v) => Math.max(v, 0)));
    case 'guided-negative':
      return grey(reduceChannels(gradient, channels, (v) => Math.max(-v, 0)));
    case 'guided-color':
      return signedColour(gradient, channels);
  }
}

function reduceChannels(
  gradient: Float32Array,
  channels: number,
  map: (value: number) => number,
): Float32Array {
  const out = new Float32Array(gradient.length / channels);
  for (let i = 0; i < out.length; i++) {
    let best = 0;
    for (let c = 0; c < channels; c++) {
      best = Math.max(best, map(gradient[i * channels + c] ?? 0));
    }
    out[i] = best;
  }
  return out;
}

function grey(values: Float32Array): GradientPicture {
  const scale = percentile(values, 0.99) || 1;
  const pixels = new Uint8Array(values.length);
  values.forEach((value, i) => {
    pixels[i] = Math.round(255 * Math.min(1, value / scale));
  });
  return {pixels, channels: 1};
}

/**
 * Colour channels as they are (three-channel models), or for grey models
 * red for positive and blue for negative gradients on a grey middle.
 */
function signedColour(
  gradient: Float32Array,
  channels: 1 | 3,
): GradientPicture {
  const magnitudes = Float32Array.from(gradient, Math.abs);
  const scale = percentile(magnitudes, 0.99) || 1;
  const count = gradient.length / channels;
  const pixels = new Uint8Array(count * 3);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < 3; c++) {
      const value =
        channels === 3
          ? (gradient[i * 3 + c] ?? 0) / scale
          : signedChannel(c, (gradient[i] ?? 0) / scale);
      pixels[i * 3 + c] = Math.round(
        255 * Math.min(1, Math.max(0, 0.5 + 0.5 * value)),
      );
    }
  }
  return {pixels, channels: 3};
}

function signedChannel(channel: number, value: number): number {
  if (channel === 1) {
    return -Math.abs(value);
  }
  return channel === 0 ? value : -value;
}

function percentile(values: Float32Array, fraction: number): number {
  const sorted = Float32Array.from(values).sort();
  return (
    sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ??
    0
  );
}
