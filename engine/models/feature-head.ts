import * as tf from '@tensorflow/tfjs';
import {addHead, type HeadOptions} from './cnn.js';

/**
 * A dense classifier over precomputed feature vectors (frozen backbone
 * outputs): the trainable part of transfer learning on face-xception.
 */
export function buildFeatureHead(options: {
  dim: number;
  classes: number;
  head: HeadOptions;
  seed: number;
}): tf.LayersModel {
  const input = tf.input({shape: [options.dim]});
  const output = addHead(input, options);
  return tf.model({inputs: input, outputs: output, name: 'feature_head'});
}
