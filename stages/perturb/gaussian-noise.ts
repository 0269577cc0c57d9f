import {mixSeed, SeededRandom} from '../../runner/util/seeded-random.js';

/**
 * Adds N(0, variance) noise to uint8 pixels read on the [0, 1] scale,
 * clips to [0, 1] and rounds back to uint8. The draw depends only on
 * `seed` and `repeat`, so a repeat is reproducible and repeats differ.
 */
export function addGaussianNoise(
  pixels: Uint8Array,
  variance: number,
  seed: number,
  repeat: number,
): Uint8Array {
  const random = new SeededRandom(mixSeed(seed, repeat));
  const deviation = Math.sqrt(variance) * 255;
  const out = new Uint8Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    const value = (pixels[i] ?? 0) + deviation * random.normal();
    out[i] = value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);
  }
  return out;
}
