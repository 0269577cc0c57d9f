/** Per-feature mean and standard deviation learnt from training rows. */
export interface StandardScaler {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/**
 * Learns the scaler on training rows only, so validation and test rows are
 * scaled with statistics they did not contribute to. A constant feature
 * gets std 1 (it maps to 0) instead of a division by zero.
 */
export function fitScaler(data: Float64Array, dim: number): StandardScaler {
  const count = data.length / dim;
  const mean = new Float64Array(dim);
  const squares = new Float64Array(dim);
  for (let row = 0; row < count; row++) {
    for (let j = 0; j < dim; j++) {
      const value = data[row * dim + j] ?? 0;
      mean[j] = (mean[j] ?? 0) + value;
      squares[j] = (squares[j] ?? 0) + value * value;
    }
  }
  const std = mean.map((sum, j) => {
    const average = sum / count;
    const variance = (squares[j] ?? 0) / count - average * average;
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  return {
    mean: Array.from(mean, (sum) => sum / count),
    std: Array.from(std),
  };
}

/** Scaled copy of `data` (rows of `scaler.mean.length` values). */
export function applyScaler(
  scaler: StandardScaler,
  data: ArrayLike<number>,
): Float64Array {
  const dim = scaler.mean.length;
  const scaled = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const j = i % dim;
    scaled[i] = ((data[i] ?? 0) - (scaler.mean[j] ?? 0)) / (scaler.std[j] ?? 1);
  }
  return scaled;
}
