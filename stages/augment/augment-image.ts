import type {SeededRandom} from '../seeded-random.js';

export interface ImageShape {
  readonly height: number;
  readonly width: number;
  readonly channels: 1 | 3;
}

/** Ranges that augmentations are drawn from; see `AugmentParams`. */
export interface AugmentRanges {
  readonly rotation: number;
  readonly flip: boolean;
  readonly brightness: number;
  readonly contrast: number;
  readonly saturation: number;
  readonly crop: number;
  readonly blur: number;
}

/** The transform drawn for one copy; recorded so copies are explainable. */
export interface AugmentDraw {
  readonly angle: number;
  readonly flipped: boolean;
  readonly scale: number;
  readonly shift: readonly [number, number];
  readonly brightness: number;
  readonly contrast: number;
  readonly saturation: number;
  readonly sigma: number;
}

/** Draws one copy's transform; the same random state gives the same draw. */
export function drawAugment(
  ranges: AugmentRanges,
  random: SeededRandom,
): AugmentDraw {
  const around = (amount: number): number => 1 + random.range(-amount, amount);
  const scale = random.range(ranges.crop, 1);
  return {
    angle: (random.range(-ranges.rotation, ranges.rotation) * Math.PI) / 180,
    flipped: ranges.flip && random.next() < 0.5,
    scale,
    shift: [
      random.range(-1, 1) * (1 - scale),
      random.range(-1, 1) * (1 - scale),
    ],
    brightness: around(ranges.brightness),
    contrast: around(ranges.contrast),
    saturation: around(ranges.saturation),
    sigma: random.range(0, ranges.blur),
  };
}

/**
 * Applies a draw to one uint8 HWC image: flip, rotation and crop-scale in
 * one bilinear warp (edges clamped), then brightness, contrast and
 * saturation, then Gaussian blur. Plain arithmetic, so the result is the
 * same on every machine.
 */
export function augmentImage(
  pixels: Uint8Array,
  shape: ImageShape,
  draw: AugmentDraw,
): Uint8Array {
  const warped = warp(pixels, shape, draw);
  adjustColour(warped, shape, draw);
  const blurred = draw.sigma >= 0.3 ? blur(warped, shape, draw.sigma) : warped;
  // Uint8ClampedArray rounds and clamps to 0-255 on assignment.
  const out = new Uint8ClampedArray(blurred.length);
  out.set(blurred);
  return new Uint8Array(out.buffer);
}

function warp(
  pixels: Uint8Array,
  shape: ImageShape,
  draw: AugmentDraw,
): Float32Array {
  const {height, width, channels} = shape;
  const out = new Float32Array(height * width * channels);
  const [cx, cy] = [(width - 1) / 2, (height - 1) / 2];
  const cos = Math.cos(draw.angle) * draw.scale;
  const sin = Math.sin(draw.angle) * draw.scale;
  const ox = cx + (draw.shift[0] * width) / 2;
  const oy = cy + (draw.shift[1] * height) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = (draw.flipped ? width - 1 - x : x) - cx;
      const dy = y - cy;
      const sx = ox + cos * dx - sin * dy;
      const sy = oy + sin * dx + cos * dy;
      sample(pixels, shape, sx, sy, out, (y * width + x) * channels);
    }
  }
  return out;
}

function sample(
  pixels: Uint8Array,
  {height, width, channels}: ImageShape,
  sx: number,
  sy: number,
  out: Float32Array,
  at: number,
): void {
  const x = Math.min(width - 1, Math.max(0, sx));
  const y = Math.min(height - 1, Math.max(0, sy));
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const dx = x0 + 1 < width ? channels : 0;
  const dy = y0 + 1 < height ? width * channels : 0;
  const fx = x - x0;
  const fy = y - y0;
  const base = (y0 * width + x0) * channels;
  for (let c = 0; c < channels; c++) {
    const i = base + c;
    const top = (pixels[i] ?? 0) * (1 - fx) + (pixels[i + dx] ?? 0) * fx;
    const low =
      (pixels[i + dy] ?? 0) * (1 - fx) + (pixels[i + dy + dx] ?? 0) * fx;
    out[at + c] = top * (1 - fy) + low * fy;
  }
}

function adjustColour(
  values: Float32Array,
  {channels}: ImageShape,
  draw: AugmentDraw,
): void {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = (sum / values.length) * draw.brightness;
  for (let i = 0; i < values.length; i += channels) {
    const r = values[i] ?? 0;
    const grey =
      channels === 3
        ? 0.299 * r +
          0.587 * (values[i + 1] ?? 0) +
          0.114 * (values[i + 2] ?? 0)
        : r;
    for (let c = 0; c < channels; c++) {
      const v = values[i + c] ?? 0;
      const saturated =
        channels === 3 ? grey + (v - grey) * draw.saturation : v;
      const bright = saturated * draw.brightness;
      values[i + c] = mean + (bright - mean) * draw.contrast;
    }
  }
}

function blur(
  values: Float32Array,
  shape: ImageShape,
  sigma: number,
): Float32Array {
  const radius = Math.ceil(3 * sigma);
  const kernel = Array.from({length: 2 * radius + 1}, (_, k) =>
    Math.exp(-((k - radius) ** 2) / (2 * sigma * sigma)),
  );
  const total = kernel.reduce((a, b) => a + b, 0);
  const weights = kernel.map((w) => w / total);
  return pass(pass(values, shape, weights, 'x'), shape, weights, 'y');
}

function pass(
  values: Float32Array,
  {height, width, channels}: ImageShape,
  weights: readonly number[],
  axis: 'x' | 'y',
): Float32Array {
  const out = new Float32Array(values.length);
  const radius = (weights.length - 1) / 2;
  const [length, lines] = axis === 'x' ? [width, height] : [height, width];
  // Distance between neighbours along the axis, and between lines.
  const step = axis === 'x' ? channels : width * channels;
  const lineStep = axis === 'x' ? width * channels : channels;
  for (let line = 0; line < lines; line++) {
    for (let c = 0; c < channels; c++) {
      const start = line * lineStep + c;
      for (let p = 0; p < length; p++) {
        let acc = 0;
        for (let k = -radius; k <= radius; k++) {
          const q = Math.min(length - 1, Math.max(0, p + k));
          acc += (weights[k + radius] ?? 0) * (values[start + q * step] ?? 0);
        }
        out[start + p * step] = acc;
      }
    }
  }
  return out;
}
