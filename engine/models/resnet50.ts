import * as tf from '@tensorflow/tfjs';
import {addHead, type HeadOptions} from './cnn.js';
import {loadWeightsByName} from './keras-weights.js';

/** The stages of ResNet-50: Keras name, filters, residual blocks. */
const STAGES = [
  {name: 'conv2', filters: 64, blocks: 3, stride: 1},
  {name: 'conv3', filters: 128, blocks: 4, stride: 2},
  {name: 'conv4', filters: 256, blocks: 6, stride: 2},
  {name: 'conv5', filters: 512, blocks: 3, stride: 2},
] as const;

/** Residual blocks in all: the most `fineTuneBlocks` can unfreeze. */
export const RESIDUAL_BLOCKS = 16;

/** Name of the backbone's pooled 2048-d output (Keras: `avg_pool`). */
export const BACKBONE_OUTPUT = 'avg_pool';

// Keras builds ResNet-50's batch norms with this epsilon; loading its
// statistics with tfjs's default 1e-3 would shift every activation.
const BN_EPSILON = 1.001e-5;

export interface ResNet50Options {
  readonly inputShape: [number, number, number];
  readonly classes: number;
  readonly head: HeadOptions;
  /** model.json of Keras ResNet50(include_top=False) converted to tfjs. */
  readonly weights?: string;
  /** Residual blocks, counted from the end, trained at the slow rate. */
  readonly fineTuneBlocks: number;
  readonly seed: number;
}

export interface ResNet50 {
  readonly model: tf.LayersModel;
  /** Backbone variables to train at the fine-tuning learning rate. */
  readonly fineTuneVariables: readonly string[];
  /** Weight names in the file that no layer took (e.g. a Keras top). */
  readonly unexpectedWeights: readonly string[];
}

/**
 * ResNet-50 (v1, as keras.applications builds it, every layer under its
 * Keras name) plus a new dense head. With `weights` the ImageNet weights
 * load by layer name and the backbone is frozen except the last
 * `fineTuneBlocks` residual blocks; without, everything trains from
 * scratch.
 */
export async function buildResNet50(
  options: ResNet50Options,
): Promise<ResNet50> {
  const input = tf.input({shape: options.inputShape, name: 'input_1'});
  const features = buildBackbone(input);
  const output = addHead(features, options);
  const model = tf.model({inputs: input, outputs: output, name: 'resnet50'});
  if (options.weights === undefined) {
    return {model, fineTuneVariables: [], unexpectedWeights: []};
  }
  const backbone = model.layers.filter(isBackboneLayer);
  const loaded = await loadWeightsByName(options.weights, backbone);
  const unfrozen = freezeBackbone(backbone, options.fineTuneBlocks);
  return {
    model,
    fineTuneVariables: unfrozen.flatMap((layer) =>
      layer.trainableWeights.map((weight) => weight.name),
    ),
    unexpectedWeights: loaded.unexpected,
  };
}

/** The convolutional trunk up to the 2048-d global average pool. */
export function buildBackbone(input: tf.SymbolicTensor): tf.SymbolicTensor {
  let x = apply(
    tf.layers.zeroPadding2d({padding: 3, name: 'conv1_pad'}),
    input,
  );
  x = apply(conv(64, 7, 2, 'conv1_conv', 'valid'), x);
  x = apply(batchNorm('conv1_bn'), x);
  x = apply(tf.layers.activation({activation: 'relu', name: 'conv1_relu'}), x);
  x = apply(tf.layers.zeroPadding2d({padding: 1, name: 'pool1_pad'}), x);
  x = apply(
    tf.layers.maxPooling2d({poolSize: 3, strides: 2, name: 'pool1_pool'}),
    x,
  );
  for (const stage of STAGES) {
    for (let block = 1; block <= stage.blocks; block++) {
      const name = `${stage.name}_block${block}`;
      x = residualBlock(x, stage.filters, block === 1 ? stage.stride : 1, name);
    }
  }
  return apply(tf.layers.globalAveragePooling2d({name: BACKBONE_OUTPUT}), x);
}

/**
 * Bottleneck block: 1x1 down, 3x3, 1x1 up (4x filters), added to the
 * input, or to a 1x1 projection of it in a stage's first block.
 */
function residualBlock(
  x: tf.SymbolicTensor,
  filters: number,
  stride: number,
  name: string,
): tf.SymbolicTensor {
  const first = name.endsWith('_block1');
  const shortcut = first
    ? apply(
        batchNorm(`${name}_0_bn`),
        apply(conv(4 * filters, 1, stride, `${name}_0_conv`), x),
      )
    : x;
  let y = apply(conv(filters, 1, stride, `${name}_1_conv`), x);
  y = apply(batchNorm(`${name}_1_bn`), y);
  y = apply(relu(`${name}_1_relu`), y);
  y = apply(conv(filters, 3, 1, `${name}_2_conv`, 'same'), y);
  y = apply(batchNorm(`${name}_2_bn`), y);
  y = apply(relu(`${name}_2_relu`), y);
  y = apply(conv(4 * filters, 1, 1, `${name}_3_conv`), y);
  y = apply(batchNorm(`${name}_3_bn`), y);
  const sum = tf.layers.add({name: `${name}_add`}).apply([shortcut, y]);
  return apply(relu(`${name}_out`), sum as tf.SymbolicTensor);
}

/**
 * Freezes every backbone layer but those of the last `blocks` residual
 * blocks; returns the unfrozen ones.
 */
function freezeBackbone(
  layers: readonly tf.layers.Layer[],
  blocks: number,
): tf.layers.Layer[] {
  const open = new Set(lastBlocks(blocks));
  const unfrozen: tf.layers.Layer[] = [];
  for (const layer of layers) {
    const block = /^(conv\d_block\d+)_/.exec(layer.name)?.[1];
    layer.trainable = block !== undefined && open.has(block);
    if (layer.trainable && layer.weights.length > 0) {
      unfrozen.push(layer);
    }
  }
  return unfrozen;
}

/** Names of the last `count` residual blocks, e.g. conv5_block3. */
export function lastBlocks(count: number): string[] {
  const all = STAGES.flatMap((stage) =>
    Array.from({length: stage.blocks}, (_, i) => `${stage.name}_block${i + 1}`),
  );
  return count > 0 ? all.slice(-count) : [];
}

function isBackboneLayer(layer: tf.layers.Layer): boolean {
  return /^(conv\d|pool1)_/.test(layer.name);
}

function conv(
  filters: number,
  kernelSize: number,
  strides: number,
  name: string,
  padding: 'valid' | 'same' = 'valid',
): tf.layers.Layer {
  return tf.layers.conv2d({filters, kernelSize, strides, padding, name});
}

function batchNorm(name: string): tf.layers.Layer {
  return tf.layers.batchNormalization({axis: 3, epsilon: BN_EPSILON, name});
}

function relu(name: string): tf.layers.Layer {
  return tf.layers.activation({activation: 'relu', name});
}

function apply(
  layer: tf.layers.Layer,
  x: tf.SymbolicTensor,
): tf.SymbolicTensor {
  return layer.apply(x) as tf.SymbolicTensor;
}
