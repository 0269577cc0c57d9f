import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type {ModelMeta} from '../../artifacts/model.js';
import type {Normalization} from '../../artifacts/images.js';

/**
 * A small conv net (conv + ReLU, pool, dense softmax) with fixed random
 * weights: enough structure for gradients, Grad-CAM and attacks to act on.
 */
export function tinyModel(
  size: number,
  channels: 1 | 3,
  classes: number,
): tf.LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({
      inputShape: [size, size, channels],
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({seed: 1}),
    }),
  );
  model.add(tf.layers.maxPooling2d({poolSize: 2}));
  model.add(tf.layers.flatten());
  model.add(
    tf.layers.dense({
      units: classes,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({seed: 2}),
    }),
  );
  return model;
}

/** Saves a layers model as a `model` artifact folder. */
export async function saveModelArtifact(
  model: tf.LayersModel,
  dir: string,
  labels: readonly string[],
  normalization: Normalization,
): Promise<void> {
  await mkdir(dir, {recursive: true});
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = Buffer.from(artifacts.weightData as ArrayBuffer);
      await writeFile(join(dir, 'weights.bin'), weights);
      const json = {
        modelTopology: artifacts.modelTopology,
        weightsManifest: [
          {paths: ['weights.bin'], weights: artifacts.weightSpecs},
        ],
      };
      await writeFile(join(dir, 'model.json'), JSON.stringify(json));
      return {
        modelArtifactsInfo: {dateSaved: new Date(), modelTopologyType: 'JSON'},
      };
    }),
  );
  const shape = model.inputs[0]?.shape ?? [];
  const meta: ModelMeta = {
    format: 'model/v1',
    kind: 'cnn',
    labels,
    inputShape: [shape[1] ?? 0, shape[2] ?? 0, shape[3] ?? 1],
    normalization,
    input: 'pixels',
    trainableParams: model.countParams(),
  };
  await writeFile(join(dir, 'meta.json'), JSON.stringify(meta));
}
