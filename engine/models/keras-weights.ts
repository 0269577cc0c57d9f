import {access, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** The weights part of a tensorflowjs_converter model.json. */
interface WeightsFile {
  readonly weightsManifest: readonly {
    readonly paths: readonly string[];
    readonly weights: tf.io.WeightsManifestEntry[];
  }[];
}

/** How to make the file `weights:` points at, for the error message. */
export function resnetWeightsHelp(file: string): string {
  const folder = path.dirname(file);
  return [
    `ResNet-50 weights not found at ${file}. Make them once on a machine`,
    'with Python, TensorFlow and the internet:',
    '  pip install tensorflow tensorflowjs',
    '  python3 -c "import tensorflow as tf; tf.keras.applications.ResNet50(' +
      "weights='imagenet', include_top=False).save('resnet50.h5')\"",
    `  tensorflowjs_converter --input_format keras resnet50.h5 ${folder}`,
    `then copy ${folder} (model.json and its .bin files) here.`,
  ].join('\n');
}

/**
 * Sets each layer's weights from a converted Keras model by layer name
 * (`<layer>/<kernel|bias|gamma|beta|moving_mean|moving_variance>`), so the
 * file may hold more layers (a Keras top) or list them in any order.
 * Layers without weights in the file are an error naming them.
 */
export async function loadWeightsByName(
  file: string,
  layers: readonly tf.layers.Layer[],
): Promise<{unexpected: string[]}> {
  const byLayer = await readWeightsByLayer(file);
  const missing: string[] = [];
  for (const layer of layers.filter((l) => l.weights.length > 0)) {
    const found = byLayer.get(layer.name);
    if (found === undefined) {
      missing.push(layer.name);
      continue;
    }
    layer.setWeights(orderFor(layer, found, file));
    byLayer.delete(layer.name);
  }
  const unexpected = [...byLayer.entries()].flatMap(([layer, weights]) =>
    [...weights.keys()].map((kind) => `${layer}/${kind}`),
  );
  tf.dispose([...byLayer.values()].flatMap((w) => [...w.values()]));
  if (missing.length > 0) {
    throw new Error(
      `${file} has no weights for ${missing.length} layers: ` +
        `${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', ...' : ''}` +
        '; convert keras.applications.ResNet50 (not another network)',
    );
  }
  return {unexpected};
}

async function readWeightsByLayer(
  file: string,
): Promise<Map<string, Map<string, tf.Tensor>>> {
  try {
    await access(file);
  } catch {
    throw new Error(resnetWeightsHelp(file));
  }
  const json = JSON.parse(await readFile(file, 'utf8')) as WeightsFile;
  const byLayer = new Map<string, Map<string, tf.Tensor>>();
  for (const group of json.weightsManifest) {
    const buffers = await Promise.all(
      group.paths.map((name) => readFile(path.join(path.dirname(file), name))),
    );
    const data = Buffer.concat(buffers);
    const tensors = tf.io.decodeWeights(
      data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
      group.weights,
    );
    for (const [name, tensor] of Object.entries(tensors)) {
      const {layer, kind} = splitWeightName(name);
      const weights = byLayer.get(layer) ?? new Map<string, tf.Tensor>();
      weights.set(kind, tensor);
      byLayer.set(layer, weights);
    }
  }
  return byLayer;
}

/**
 * `resnet50/conv1_conv/kernel:0` -> layer `conv1_conv`, kind `kernel`:
 * converters differ in prefixes and suffixes, never in the last two parts.
 */
export function splitWeightName(name: string): {layer: string; kind: string} {
  const parts = name.replace(/:\d+$/, '').split('/');
  return {layer: parts.at(-2) ?? '', kind: parts.at(-1) ?? ''};
}

function orderFor(
  layer: tf.layers.Layer,
  found: Map<string, tf.Tensor>,
  file: string,
): tf.Tensor[] {
  return layer.weights.map((weight) => {
    const kind = splitWeightName(weight.originalName).kind.replace(/_\d+$/, '');
    const tensor = found.get(kind);
    const expected = JSON.stringify(weight.shape);
    if (tensor === undefined || JSON.stringify(tensor.shape) !== expected) {
      throw new Error(
        `${file}: layer ${layer.name} needs ${kind} of shape ${expected}, ` +
          `found ${tensor === undefined ? 'none' : JSON.stringify(tensor.shape)}`,
      );
    }
    return tensor;
  });
}

/**
 * Writes layers' weights as tensorflowjs_converter writes a Keras model's
 * (`model.json` weightsManifest plus one .bin, `<layer>/<kind>` names):
 * for tests and for exporting a backbone trained here.
 */
export async function writeKerasWeights(
  folder: string,
  layers: readonly tf.layers.Layer[],
): Promise<string> {
  const named = layers.flatMap((layer) =>
    layer.weights.map((weight) => ({
      name: `${layer.name}/${splitWeightName(weight.originalName).kind}`,
      tensor: weight.read(),
    })),
  );
  const {data, specs} = await tf.io.encodeWeights(named);
  const bin = 'group1-shard1of1.bin';
  await writeFile(path.join(folder, bin), new Uint8Array(data));
  const json = {
    format: 'layers-model',
    weightsManifest: [{paths: [bin], weights: specs}],
  };
  const file = path.join(folder, 'model.json');
  await writeFile(file, JSON.stringify(json));
  return file;
}
