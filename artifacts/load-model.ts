import {readFile} from 'node:fs/promises';
import path from 'node:path';
import type {LayersModel, io} from '@tensorflow/tfjs';
import type {ModelMeta} from './model.js';
import {MODEL_FILES} from './save-model.js';

interface TopologyFile {
  readonly modelTopology: object;
  readonly format?: string;
  readonly generatedBy?: string;
  readonly convertedBy?: string | null;
  readonly weightsManifest: readonly {
    paths: readonly string[];
    weights: io.WeightsManifestEntry[];
  }[];
}

/** Reads `meta.json` of a `model` artifact folder. */
export async function loadModelMeta(folder: string): Promise<ModelMeta> {
  const text = await readFile(path.join(folder, MODEL_FILES.meta), 'utf8');
  return JSON.parse(text) as ModelMeta;
}

/**
 * Loads a `model` artifact written by saveModel (or any layers model
 * folder) with its meta. Loads TensorFlow.js on first use.
 */
export async function loadModel(
  folder: string,
): Promise<{model: LayersModel; meta: ModelMeta}> {
  const meta = await loadModelMeta(folder);
  if (meta.kind === 'svm') {
    throw new Error(
      `${folder} holds an SVM model (svm.json), not a TensorFlow.js one.`,
    );
  }
  const tf = await import('@tensorflow/tfjs');
  const model = await tf.loadLayersModel(folderReader(folder));
  return {model, meta};
}

function folderReader(folder: string): io.IOHandler {
  return {
    load: async () => {
      const file = path.join(folder, MODEL_FILES.topology);
      const topology = JSON.parse(await readFile(file, 'utf8')) as TopologyFile;
      const weightSpecs = topology.weightsManifest.flatMap((g) => g.weights);
      const paths = topology.weightsManifest.flatMap((g) => g.paths);
      const buffers = await Promise.all(
        paths.map((name) => readFile(path.join(folder, name))),
      );
      const weightData = Buffer.concat(buffers);
      return {
        modelTopology: topology.modelTopology,
        ...(topology.format !== undefined && {format: topology.format}),
        weightSpecs,
        weightData: weightData.buffer.slice(
          weightData.byteOffset,
          weightData.byteOffset + weightData.byteLength,
        ),
      };
    },
  };
}
