/** Kernels the grid search knows, as libsvm numbers them (`-t`). */
export const KERNELS = {linear: 0, poly: 1, rbf: 2} as const;

export type Kernel = keyof typeof KERNELS;

/**
 * How gamma is chosen, as scikit-learn names it: `scale` is
 * 1 / (n_features * X.var()) over the training rows, `auto` is
 * 1 / n_features.
 */
export type GammaRule = 'scale' | 'auto';

/** One point of the grid; the linear kernel has no gamma. */
export interface SvmParams {
  readonly kernel: Kernel;
  readonly C: number;
  /** A rule, a fixed value, or `none` for the linear kernel. */
  readonly gamma: GammaRule | number | 'none';
}

/** How a fit is asked of libsvm. */
export interface FitOptions {
  /** Train for class probabilities (libsvm `-b 1`, five inner fits). */
  readonly probability?: boolean;
  /** Rows are precomputed kernel rows (`-t 4`), not features. */
  readonly precomputed?: boolean;
}

/**
 * libsvm's command line for one fit. Cache and tolerance match
 * scikit-learn's SVC defaults (200 MB, 1e-3); poly uses degree 3 and
 * coef0 0 as both libraries do.
 */
export function toCommand(
  params: SvmParams,
  gamma: number,
  options: FitOptions = {},
): string {
  const kernel = options.precomputed === true ? 4 : KERNELS[params.kernel];
  const parts = [
    '-q 1 -s 0',
    `-t ${kernel}`,
    `-c ${params.C}`,
    '-m 200 -e 0.001',
  ];
  if (params.kernel !== 'linear') {
    parts.push(`-g ${gamma} -d 3 -r 0`);
  }
  parts.push(`-b ${options.probability === true ? 1 : 0}`);
  return parts.join(' ');
}

/** The gamma value of a rule for the training rows listed in `indices`. */
export function resolveGamma(
  rule: SvmParams['gamma'],
  data: Float64Array,
  dim: number,
  indices: ArrayLike<number>,
): number {
  if (typeof rule === 'number') {
    return rule;
  }
  if (rule === 'none' || rule === 'auto') {
    return 1 / dim;
  }
  const variance = varianceOf(data, dim, indices);
  return variance > 0 ? 1 / (dim * variance) : 1;
}

// Variance of every value of the listed rows together, as numpy's X.var().
function varianceOf(
  data: Float64Array,
  dim: number,
  indices: ArrayLike<number>,
): number {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < indices.length; i++) {
    const start = (indices[i] ?? 0) * dim;
    for (let j = start; j < start + dim; j++) {
      const value = data[j] ?? 0;
      sum += value;
      squares += value * value;
    }
  }
  const count = indices.length * dim;
  const mean = sum / count;
  return squares / count - mean * mean;
}

/**
 * Every combination to search: linear once per C, rbf and poly once per C
 * and gamma rule, in the order scikit-learn's ParameterGrid would list
 * them per kernel.
 */
export function expandGrid(options: {
  readonly C: readonly number[];
  readonly kernels: readonly Kernel[];
  readonly gammas: readonly (GammaRule | number)[];
}): SvmParams[] {
  const grid: SvmParams[] = [];
  for (const kernel of options.kernels) {
    for (const C of options.C) {
      if (kernel === 'linear') {
        grid.push({kernel, C, gamma: 'none'});
        continue;
      }
      for (const gamma of options.gammas) {
        grid.push({kernel, C, gamma});
      }
    }
  }
  return grid;
}
