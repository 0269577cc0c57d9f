import type {backend_util} from '@tensorflow/tfjs-core';

type Conv2DInfo = backend_util.Conv2DInfo;

/** A contiguous run of images of the batch: `[first, first + count)`. */
export interface BatchRange {
  readonly first: number;
  readonly count: number;
}

/**
 * Writes the patches of NHWC `x` as the rows of a `[taps, positions]`
 * matrix, where taps are (kh, kw, channel) and positions (n, oh, ow): the
 * layout that lets a filter gradient be one untransposed matrix product,
 * which the wasm backend runs several times faster than a transposed one.
 * One input row at a time feeds every channel's row segment, so the reads
 * stay in the L1 cache.
 */
export function im2colTransposed(
  x: Float32Array,
  info: Conv2DInfo,
  range: BatchRange,
  out: Float32Array,
): void {
  const {filterHeight, filterWidth, outHeight} = info;
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      const tap = {kh, kw, first: (kh * filterWidth + kw) * info.inChannels};
      for (let n = range.first; n < range.first + range.count; n++) {
        for (let oh = 0; oh < outHeight; oh++) {
          const column = ((n - range.first) * outHeight + oh) * info.outWidth;
          fillSegments(x, info, {...tap, n, oh, column}, range, out);
        }
      }
    }
  }
}

interface Segment {
  readonly kh: number;
  readonly kw: number;
  /** Row of channel 0 of this tap. */
  readonly first: number;
  readonly n: number;
  readonly oh: number;
  /** Column of (n, oh, ow = 0) in the patch matrix. */
  readonly column: number;
}

/** The `outWidth` columns of one (tap, n, oh), for every channel. */
function fillSegments(
  x: Float32Array,
  info: Conv2DInfo,
  at: Segment,
  range: BatchRange,
  out: Float32Array,
): void {
  const {outWidth, inChannels: channels} = info;
  const positions = range.count * info.outHeight * outWidth;
  const ih =
    at.oh * info.strideHeight + at.kh * info.dilationHeight - info.padInfo.top;
  if (ih < 0 || ih >= info.inHeight) {
    for (let c = 0; c < channels; c++) {
      const start = (at.first + c) * positions + at.column;
      out.fill(0, start, start + outWidth);
    }
    return;
  }
  const {start, end} = columnRange(info, at.kw);
  const left = at.kw * info.dilationWidth - info.padInfo.left;
  const rowBase =
    ((at.n * info.inHeight + ih) * info.inWidth + left) * channels;
  const step = info.strideWidth * channels;
  for (let c = 0; c < channels; c++) {
    const segment = (at.first + c) * positions + at.column;
    out.fill(0, segment, segment + start);
    let from = rowBase + start * step + c;
    for (let ow = start; ow < end; ow++, from += step) {
      out[segment + ow] = x[from] as number;
    }
    out.fill(0, segment + Math.max(start, end), segment + outWidth);
  }
}

/** Output columns whose input column for kernel column `kw` is inside. */
function columnRange(
  info: Conv2DInfo,
  kw: number,
): {start: number; end: number} {
  const left = kw * info.dilationWidth - info.padInfo.left;
  const stride = info.strideWidth;
  const start = Math.max(0, Math.ceil(-left / stride));
  const end = Math.min(
    info.outWidth,
    Math.floor((info.inWidth - 1 - left) / stride) + 1,
  );
  return {start: Math.min(start, info.outWidth), end: Math.max(end, 0)};
}
