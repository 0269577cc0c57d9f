import {readFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

/**
 * The mini-Xception FER2013 emotion network shipped in @vladmandic/human
 * (models/emotion.json + emotion.bin), a TensorFlow.js graph model:
 * input `input_1` [batch, 64, 64, 1] grey in [-1, 1], output 7 emotions.
 *
 * Its last residual block ends in node FEATURE_NODE, [batch, 8, 8, 256]
 * for a 64x64 input; before it the graph only has the 7-filter
 * classification convolution and the softmax. Averaged over the 8x8 grid
 * it is the 256-d feature vector (the same global average pooling the
 * network itself applies after its classifier convolution).
 */
export const FEATURE_NODE = 'StatefulPartitionedCall/model_1/add_2/add';

/** Feature width: the channels of FEATURE_NODE. */
export const FEATURE_DIM = 256;

/** Input side in pixels; the network is fully convolutional but trained at 64. */
export const INPUT_SIZE = 64;

/**
 * Where the weights live inside the installed npm package. Its `exports`
 * hide the models folder from resolution, so resolve the entry point
 * (dist/human.node.js) and step out of dist/.
 */
export function faceXceptionPath(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@vladmandic/human');
  return path.join(path.dirname(entry), '..', 'models', 'emotion.json');
}

/**
 * Loads the graph model from disk through a file IOHandler: no network,
 * no tfjs-node. `file` defaults to the copy inside @vladmandic/human.
 */
export async function loadFaceXception(
  file: string = faceXceptionPath(),
): Promise<tf.GraphModel> {
  return tf.loadGraphModel({
    load: async () => {
      const json = JSON.parse(await readFile(file, 'utf8')) as GraphJson;
      const groups = json.weightsManifest;
      const buffers = await Promise.all(
        groups.flatMap((group) =>
          group.paths.map((name) =>
            readFile(path.join(path.dirname(file), name)),
          ),
        ),
      );
      const data = Buffer.concat(buffers);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs: groups.flatMap((group) => group.weights),
        weightData: data.buffer.slice(
          data.byteOffset,
          data.byteOffset + data.byteLength,
        ),
      };
    },
  });
}

interface GraphJson {
  readonly modelTopology: object;
  readonly format: string;
  readonly generatedBy: string;
  readonly convertedBy: string;
  readonly userDefinedMetadata?: Record<string, object>;
  readonly weightsManifest: readonly {
    readonly paths: readonly string[];
    readonly weights: tf.io.WeightsManifestEntry[];
  }[];
}

/**
 * 256-d features of a batch of 64x64 grey images in [-1, 1]
 * ([batch, 64, 64, 1]): FEATURE_NODE averaged over space.
 */
export function extractFaceFeatures(
  model: tf.GraphModel,
  images: tf.Tensor4D,
): tf.Tensor2D {
  return tf.tidy(() => {
    const grid = model.execute(images, FEATURE_NODE) as tf.Tensor4D;
    return tf.mean(grid, [1, 2]);
  });
}

/**
 * Turns images of any size and channel count, already scaled to [0, 1],
 * into the network's input: grey (ITU-R BT.601 luma), resized to 64x64
 * bilinearly, mapped to [-1, 1].
 */
export function toFaceInput(images: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const grey =
      images.shape[3] === 3
        ? tf.sum(tf.mul(images, tf.tensor1d([0.299, 0.587, 0.114])), 3, true)
        : images;
    const sized = tf.image.resizeBilinear(grey as tf.Tensor4D, [
      INPUT_SIZE,
      INPUT_SIZE,
    ]);
    return tf.sub(tf.mul(sized, 2), 1);
  });
}
