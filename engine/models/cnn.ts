import * as tf from '@tensorflow/tfjs';

/** What `train` with `model: cnn` builds; every field comes from params. */
export interface CnnOptions {
  /** [height, width, channels] of one image. */
  readonly inputShape: readonly [number, number, number];
  readonly classes: number;
  /** Number of convolutional blocks, 1 to 8. */
  readonly convLayers: number;
  /** Filters per block: one number for all, or a list, one per block. */
  readonly filters?: number | readonly number[];
  readonly kernelSize: number;
  readonly pooling: 'max' | 'avg';
  /** Dropout after each block; 0 for none. */
  readonly dropout: number;
  readonly batchNorm: boolean;
  readonly head: HeadOptions;
  /** Seeds the weight initialisers, so one seed gives one start. */
  readonly seed: number;
}

/** Hidden dense layers between the features and the class scores. */
export interface HeadOptions {
  readonly layers: number;
  readonly units: number;
  readonly dropout: number;
}

/** The layer whose output is the learned feature vector. */
export const FEATURE_LAYER = 'features';

const MAX_DEFAULT_FILTERS = 256;

/**
 * Filters of each block: the given list, the one number repeated, or by
 * default 32 doubling per block up to 256 (32, 64, 128, 256, 256, ...).
 */
export function filtersPerLayer(options: CnnOptions): number[] {
  const {filters, convLayers} = options;
  if (Array.isArray(filters)) {
    if (filters.length !== convLayers) {
      throw new Error(
        `filters lists ${filters.length} values but conv_layers is ` +
          `${convLayers}; give one value per layer or a single number.`,
      );
    }
    return [...(filters as number[])];
  }
  return Array.from({length: convLayers}, (_, i) =>
    typeof filters === 'number'
      ? filters
      : Math.min(32 * 2 ** i, MAX_DEFAULT_FILTERS),
  );
}

/**
 * A CNN trained from scratch: `convLayers` blocks of convolution, optional
 * batch norm, ReLU, 2x2 pooling and dropout, then a dense head.
 */
export function buildCnn(options: CnnOptions): tf.LayersModel {
  if (options.convLayers < 1 || options.convLayers > 8) {
    throw new Error(
      `conv_layers is ${options.convLayers}; it must be between 1 and 8.`,
    );
  }
  const input = tf.input({shape: [...options.inputShape]});
  let x: tf.SymbolicTensor = input;
  filtersPerLayer(options).forEach((filters, i) => {
    x = convBlock(x, {...options, filters}, i);
  });
  const flat = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  const output = addHead(flat, options, options.convLayers * 10);
  return tf.model({inputs: input, outputs: output, name: 'cnn'});
}

function convBlock(
  input: tf.SymbolicTensor,
  options: CnnOptions & {filters: number},
  index: number,
): tf.SymbolicTensor {
  const seed = options.seed + index;
  let x = tf.layers
    .conv2d({
      filters: options.filters,
      kernelSize: options.kernelSize,
      padding: 'same',
      useBias: !options.batchNorm,
      kernelInitializer: tf.initializers.glorotUniform({seed}),
      name: `conv${index + 1}`,
    })
    .apply(input) as tf.SymbolicTensor;
  if (options.batchNorm) {
    x = apply(tf.layers.batchNormalization({name: `bn${index + 1}`}), x);
  }
  x = apply(tf.layers.reLU(), x);
  x = apply(poolLayer(options.pooling, index), x);
  return options.dropout > 0
    ? apply(tf.layers.dropout({rate: options.dropout}), x)
    : x;
}

function poolLayer(pooling: 'max' | 'avg', index: number): tf.layers.Layer {
  const args = {
    poolSize: 2,
    padding: 'same' as const,
    name: `pool${index + 1}`,
  };
  return pooling === 'max'
    ? tf.layers.maxPooling2d(args)
    : tf.layers.averagePooling2d(args);
}

/**
 * Dense head: `layers` hidden ReLU layers (the last named `features`)
 * and a softmax over the classes. Shared by every backbone.
 */
export function addHead(
  input: tf.SymbolicTensor,
  options: {head: HeadOptions; classes: number; seed: number},
  seedOffset = 0,
): tf.SymbolicTensor {
  const {layers, units, dropout} = options.head;
  let x = input;
  for (let i = 0; i < layers; i++) {
    const last = i === layers - 1;
    x = apply(
      tf.layers.dense({
        units,
        activation: 'relu',
        name: last ? FEATURE_LAYER : `dense${i + 1}`,
        kernelInitializer: tf.initializers.glorotUniform({
          seed: options.seed + seedOffset + i,
        }),
      }),
      x,
    );
    if (dropout > 0) x = apply(tf.layers.dropout({rate: dropout}), x);
  }
  return apply(
    tf.layers.dense({
      units: options.classes,
      activation: 'softmax',
      name: 'scores',
      kernelInitializer: tf.initializers.glorotUniform({
        seed: options.seed + seedOffset + layers,
      }),
    }),
    x,
  );
}

function apply(layer: tf.layers.Layer, x: tf.SymbolicTensor) {
  return layer.apply(x) as tf.SymbolicTensor;
}
