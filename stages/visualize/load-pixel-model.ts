import type * as tfType from '@tensorflow/tfjs';
import {loadModel} from '../../artifacts/load-model.js';
import type {ModelMeta} from '../../artifacts/model.js';

/** A trained layers model and what it expects as input. */
export interface LoadedModel {
  readonly model: tfType.LayersModel;
  readonly meta: ModelMeta;
}

/**
 * Loads a `model` artifact whose model reads pixels: gradients with
 * respect to the input (saliency, attacks) need the whole network, not a
 * head on precomputed features.
 */
export async function loadPixelModel(dir: string): Promise<LoadedModel> {
  const {model, meta} = await loadModel(dir);
  if (meta.input !== 'pixels') {
    model.dispose();
    throw new Error(
      `this needs a model that reads pixels; the model is a ${meta.kind} ` +
        `reading ${meta.input} (use a cnn or resnet50 model)`,
    );
  }
  return {model, meta};
}
