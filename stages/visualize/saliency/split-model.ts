import type * as tfType from '@tensorflow/tfjs';

type Tf = Omit<typeof tfType, 'default'>;
type Layer = tfType.layers.Layer;

/** A model cut in two at a feature map: pixels -> maps -> probabilities. */
export interface SplitModel {
  readonly extractor: tfType.LayersModel;
  readonly head: (maps: tfType.Tensor4D) => tfType.Tensor;
  readonly layerName: string;
}

const PASS_THROUGH = /pool|dropout|batchnorm|activation|relu/i;

/**
 * Cuts at the last convolution reachable from the output through a
 * single chain of layers (for a ResNet, the last block's output), so the
 * head is those layers applied in order.
 */
export function splitAtLastFeatureMap(
  tf: Tf,
  model: tfType.LayersModel,
): SplitModel {
  const chain = chainToOutput(model);
  const cut = chooseCut(chain);
  if (cut === undefined) {
    throw new Error(
      `Grad-CAM needs a model with a convolutional feature map; ` +
        `model "${model.name}" has none on its output chain`,
    );
  }
  const extractor = tf.model({
    inputs: model.inputs,
    outputs: cut.output,
  });
  const after = chain.slice(chain.indexOf(cut) + 1);
  const head = (maps: tfType.Tensor4D) =>
    after.reduce<tfType.Tensor>(
      (tensor, layer) => layer.apply(tensor) as tfType.Tensor,
      maps,
    );
  return {extractor, head, layerName: cut.name};
}

/** Layers from the deepest fork (or the input) to the output, in order. */
function chainToOutput(model: tfType.LayersModel): Layer[] {
  const chain: Layer[] = [];
  let layer: Layer | undefined = model.outputs[0]?.sourceLayer;
  while (layer !== undefined) {
    chain.unshift(layer);
    const inbound: Layer[] = layer.inboundNodes[0]?.inboundLayers ?? [];
    if (inbound.length !== 1 || inbound[0]?.getClassName() === 'InputLayer') {
      break;
    }
    layer = inbound[0];
  }
  return chain;
}

function chooseCut(chain: readonly Layer[]): Layer | undefined {
  const maps = chain.filter((layer) => rankOf(layer) === 4);
  const last = maps.at(-1);
  if (last === undefined) {
    return undefined;
  }
  // Prefer the convolution itself over the pooling or dropout after it.
  for (let i = maps.length - 1; i >= 0; i--) {
    const layer = maps[i] as Layer;
    if (/conv/i.test(layer.getClassName())) {
      return layer;
    }
    if (!PASS_THROUGH.test(layer.getClassName())) {
      return last;
    }
  }
  return last;
}

function rankOf(layer: Layer): number {
  const shape = layer.outputShape;
  return Array.isArray(shape[0]) ? -1 : shape.length;
}
