import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {LayersModel, io} from '@tensorflow/tfjs';
import type {ModelMeta} from './model.js';

/** File names inside a `model` artifact folder. */
export const MODEL_FILES = {
  topology: 'model.json',
  weights: 'weights.bin',
  meta: 'meta.json',
} as const;

/**
 * Writes `model` as a TensorFlow.js layers model (`model.json` plus one
 * `weights.bin`, the layout `tf.loadLayersModel('file://...')` reads) and
 * `meta.json` into `folder`. Needs no tfjs-node: the handler is ours.
 */
export async function saveModel(
  folder: string,
  model: LayersModel,
  meta: ModelMeta,
): Promise<void> {
  await mkdir(folder, {recursive: true});
  await model.save(folderWriter(folder));
  await saveModelMeta(folder, meta);
}

/** Writes only `meta.json`: for models without a tfjs graph (the SVM). */
export async function saveModelMeta(
  folder: string,
  meta: ModelMeta,
): Promise<void> {
  const text = JSON.stringify(meta, null, 2) + '\n';
  await writeFile(path.join(folder, MODEL_FILES.meta), text);
}

function folderWriter(folder: string): io.IOHandler {
  return {
    save: async (artifacts) => {
      const weights = joinWeights(artifacts.weightData);
      const manifest = [
        {paths: [MODEL_FILES.weights], weights: artifacts.weightSpecs ?? []},
      ];
      const topology = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: manifest,
      };
      await writeFile(path.join(folder, MODEL_FILES.weights), weights);
      await writeFile(
        path.join(folder, MODEL_FILES.topology),
        JSON.stringify(topology),
      );
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: weights.byteLength,
        },
      };
    },
  };
}

function joinWeights(data: io.WeightData | undefined): Uint8Array {
  const parts = data === undefined ? [] : Array.isArray(data) ? data : [data];
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const joined = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    joined.set(new Uint8Array(part), at);
    at += part.byteLength;
  }
  return joined;
}
