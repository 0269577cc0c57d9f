import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import type * as tfType from '@tensorflow/tfjs';
import type {ModelMeta} from '../../artifacts/model.js';

type Tf = Omit<typeof tfType, 'default'>;

interface ModelJson {
  readonly modelTopology: object;
  readonly weightsManifest: readonly {
    readonly paths: readonly string[];
    readonly weights: tfType.io.WeightsManifestEntry[];
  }[];
}

/** A trained layers model and what it expects as input. */
export interface LoadedModel {
  readonly model: tfType.LayersModel;
  readonly meta: ModelMeta;
}

/**
 * Loads a `model` artifact's layers model from disk (TensorFlow.js's own
 * loaders want URLs or browser storage in this build).
 */
export async function loadLayersModel(tf: Tf, dir: string): Promise<LoadedModel> {
  const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as ModelMeta;
  if (meta.input !== 'pixels' || meta.kind === 'svm') {
    throw new Error(
      `this figure needs a model that reads pixels; the model is a ${meta.kind} ` +
        `reading ${meta.input} (use a cnn or resnet50 model)`,
    );
  }
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as ModelJson;
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const buffers = await Promise.all(
    json.weightsManifest.flatMap((group) => group.paths.map((path) => readFile(join(dir, path)))),
  );
  const joined = Buffer.concat(buffers);
  const weightData = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.length);
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({modelTopology: json.modelTopology, weightSpecs, weightData}),
  );
  return {model, meta};
}
