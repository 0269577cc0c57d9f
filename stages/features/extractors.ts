import * as tf from '@tensorflow/tfjs';
import type {ImagesIndex} from '../../artifacts/images.js';
import {loadModel} from '../../artifacts/load-model.js';
import {
  extractFaceFeatures,
  FEATURE_DIM,
  loadFaceXception,
  toFaceInput,
} from '../../engine/models/face-xception.js';
import {
  loadWeightsByName,
  resnetWeightsHelp,
} from '../../engine/models/keras-weights.js';
import {buildBackbone} from '../../engine/models/resnet50.js';
import {readLabeledImages} from '../../engine/training/read-labeled-images.js';

/** A frozen backbone over one images artifact. */
export interface Extractor {
  /** Recorded in the features index, e.g. `face-xception`. */
  readonly name: string;
  readonly dim: number;
  /** Feature rows of images `first..first+count-1`, `dim` values each. */
  embed(first: number, count: number): Float32Array;
  dispose(): void;
}

/** Where the images are: raw pixels and their index. */
export interface ImageSource {
  readonly folder: string;
  readonly index: ImagesIndex;
  readonly pixels: Uint8Array;
}

/** The pretrained FER2013 mini-Xception from @vladmandic/human. */
export async function faceXceptionExtractor(
  source: ImageSource,
): Promise<Extractor> {
  const model = await loadFaceXception();
  return {
    name: 'face-xception',
    dim: FEATURE_DIM,
    embed: (first, count) =>
      runBatch(source, first, count, (images) =>
        extractFaceFeatures(model, toFaceInput(tf.div(images, 255))),
      ),
    dispose: () => {
      model.dispose();
    },
  };
}

// Keras' ResNet50 preprocessing ("caffe"): BGR, 0..255, minus the
// ImageNet channel means; grey images are repeated into three channels.
const CAFFE_MEAN_BGR = [103.939, 116.779, 123.68];

/** ImageNet ResNet-50, pooled to 2048-d; needs the converted weights. */
export async function resnetExtractor(
  source: ImageSource,
  weights: string | undefined,
): Promise<Extractor> {
  if (weights === undefined) {
    throw new Error(
      'features: backbone resnet50 needs `weights:` (ImageNet features ' +
        'from random weights mean nothing).\n' +
        resnetWeightsHelp('weights/resnet50/model.json'),
    );
  }
  const {height, width} = source.index;
  const input = tf.input({shape: [height, width, 3]});
  const model = tf.model({inputs: input, outputs: buildBackbone(input)});
  await loadWeightsByName(weights, model.layers);
  return {
    name: 'resnet50',
    dim: 2048,
    embed: (first, count) =>
      runBatch(source, first, count, (images) => {
        const rgb =
          images.shape[3] === 1 ? tf.tile(images, [1, 1, 1, 3]) : images;
        const bgr = tf.reverse(rgb, 3);
        const x = tf.sub(bgr, tf.tensor1d(CAFFE_MEAN_BGR));
        return model.predict(x) as tf.Tensor2D;
      }),
    dispose: () => {
      model.dispose();
    },
  };
}

/**
 * The `featureLayer` of a trained model (its last hidden dense layer),
 * with the images scaled as they were for its training.
 */
export async function modelExtractor(
  source: ImageSource,
  folder: string,
): Promise<Extractor> {
  const {model, meta} = await loadModel(folder);
  if (meta.input === 'features' || meta.featureLayer === undefined) {
    model.dispose();
    throw new Error(
      `features: the ${meta.kind} model has no feature layer over pixels; ` +
        (meta.input === 'features'
          ? 'it reads features already: use its features artifact directly'
          : 'train it with head_layers >= 1'),
    );
  }
  const {set} = await readLabeledImages(source.folder);
  const layer = model.getLayer(meta.featureLayer);
  const head = tf.model({
    inputs: model.inputs,
    outputs: layer.output,
  });
  const dim = (layer.outputShape as number[]).at(-1) ?? 0;
  const size = set.sampleShape.reduce((a, b) => a * b, 1);
  return {
    name: `model:${meta.kind}`,
    dim,
    embed: (first, count) =>
      tf.tidy(() => {
        const x = tf.tensor(
          set.x.subarray(first * size, (first + count) * size),
          [count, ...set.sampleShape],
        );
        return (head.predict(x) as tf.Tensor2D).dataSync() as Float32Array;
      }),
    dispose: () => {
      model.dispose();
    },
  };
}

function runBatch(
  source: ImageSource,
  first: number,
  count: number,
  embed: (images: tf.Tensor4D) => tf.Tensor2D,
): Float32Array {
  const {height, width, channels} = source.index;
  const size = height * width * channels;
  return tf.tidy(() => {
    const pixels = source.pixels.subarray(first * size, (first + count) * size);
    const images = tf.tensor4d(Float32Array.from(pixels), [
      count,
      height,
      width,
      channels,
    ]);
    return embed(images).dataSync() as Float32Array;
  });
}
