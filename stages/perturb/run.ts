import type {ImagesIndex} from '../../artifacts/images.js';
import {writeImages} from '../../artifacts/images-writer.js';
import {
  writePreviewGrid,
  previewRowsByClass,
} from '../../artifacts/preview-grid.js';
import {readImagePixels, readImagesIndex} from '../../artifacts/read-images.js';
import type {
  InputArtifact,
  StageContext,
} from '../../runner/stage-definition.js';
import type {PerturbParams} from './definition.js';
import {addGaussianNoise} from './gaussian-noise.js';

type Context = StageContext<PerturbParams>;

/** Perturbs every image of the input set into a new images artifact. */
export async function run(context: Context): Promise<void> {
  const input = single(context, 'images');
  const index = await readImagesIndex(input.path);
  const pixels = await readImagePixels(input.path, undefined, index);
  const perturbed = await perturb(context, index, pixels);
  reportChange(context, pixels, perturbed);
  const folder = context.outputs.images;
  if (folder === undefined) {
    throw new Error('Internal error: perturb has no images output folder');
  }
  await writeImages(folder, index, perturbed);
  await writePreviewGrid(
    `${folder}/preview.png`,
    index,
    previewRowsByClass(index, perturbed),
  );
}

async function perturb(
  context: Context,
  index: ImagesIndex,
  pixels: Uint8Array,
): Promise<Uint8Array> {
  const {params} = context;
  if (params.method === 'noise') {
    const variance = need(context, 'variance', params.variance);
    return addGaussianNoise(
      pixels,
      variance,
      params.seed ?? 0,
      params.repeat ?? 0,
    );
  }
  const {attackImages} = await import('./attack-images.js');
  return attackImages({
    modelDir: single(context, 'model').path,
    index,
    pixels,
    method: params.method,
    epsilon: need(context, 'epsilon', params.epsilon),
    iterations: params.iterations ?? 10,
    step: params.step,
    batchSize: params.batch_size ?? 64,
    progress: (done, total) => {
      context.progress(done, total, params.method);
    },
  });
}

function reportChange(context: Context, before: Uint8Array, after: Uint8Array) {
  let largest = 0;
  let total = 0;
  for (let i = 0; i < before.length; i++) {
    const change = Math.abs((after[i] ?? 0) - (before[i] ?? 0));
    largest = Math.max(largest, change);
    total += change;
  }
  context.metric('perturbation_linf', largest / 255);
  context.metric(
    'perturbation_mean_abs',
    total / Math.max(1, before.length) / 255,
  );
}

function need(
  context: Context,
  name: string,
  value: number | undefined,
): number {
  if (value === undefined) {
    throw new Error(
      `${context.instance}: perturb method "${context.params.method}" needs \`${name}\` under with:`,
    );
  }
  return value;
}

function single(context: Context, port: string): InputArtifact {
  const input = context.inputs[port];
  const artifact = Array.isArray(input) ? input[0] : input;
  if (artifact === undefined) {
    throw new Error(
      `${context.instance}: perturb method "${context.params.method}" needs the input \`${port}\``,
    );
  }
  return artifact;
}
