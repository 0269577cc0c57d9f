import type {FeaturesIndex} from '../../artifacts/features.js';
import {writeFeatures} from '../../artifacts/read-features.js';
import {readImagePixels, readImagesIndex} from '../../artifacts/read-images.js';
import {selectBackend} from '../../engine/backend.js';
import type {
  InputArtifact,
  StageContext,
} from '../../runner/stage-definition.js';
import type {FeaturesParams} from './definition.js';
import {
  faceXceptionExtractor,
  modelExtractor,
  resnetExtractor,
  type Extractor,
  type ImageSource,
} from './extractors.js';
import path from 'node:path';

type Context = StageContext<FeaturesParams>;

/** Runs a `features` stage instance: embeds every image, batch by batch. */
export async function run(ctx: Context): Promise<void> {
  const {params} = ctx;
  const backend = await selectBackend(
    params.backend === 'auto' ? undefined : params.backend,
  );
  ctx.log(`TensorFlow.js backend: ${backend}`);
  const folder = requireInput(ctx, 'images').path;
  const index = await readImagesIndex(folder);
  const pixels = await readImagePixels(folder, undefined, index);
  const extractor = await createExtractor(ctx, {folder, index, pixels});
  try {
    const rows = embedAll(ctx, extractor, index.count);
    const out: FeaturesIndex = {
      format: 'features/v1',
      count: index.count,
      dim: extractor.dim,
      labels: index.labels,
      extractor: extractor.name,
      records: index.records,
    };
    await writeFeatures(ctx.outputs.features ?? '', {index: out, rows});
  } finally {
    extractor.dispose();
  }
}

async function createExtractor(
  ctx: Context,
  source: ImageSource,
): Promise<Extractor> {
  switch (ctx.params.backbone) {
    case 'face-xception':
      return faceXceptionExtractor(source);
    case 'resnet50': {
      const {weights} = ctx.params;
      const file =
        weights === undefined
          ? undefined
          : path.resolve(ctx.workspace, weights);
      return resnetExtractor(source, file);
    }
    case 'model': {
      const model = ctx.inputs.model;
      const artifact = Array.isArray(model) ? model[0] : model;
      if (artifact === undefined) {
        throw new Error(
          'features: backbone `model` needs the `model:` input connected ' +
            "to a train stage's model",
        );
      }
      return modelExtractor(source, artifact.path);
    }
  }
}

function embedAll(ctx: Context, extractor: Extractor, count: number) {
  const rows = new Float32Array(count * extractor.dim);
  const batch = ctx.params.batch_size;
  for (let first = 0; first < count; first += batch) {
    if (ctx.signal.aborted) {
      throw new Error('features: cancelled');
    }
    const size = Math.min(batch, count - first);
    rows.set(extractor.embed(first, size), first * extractor.dim);
    ctx.progress(first + size, count, 'images');
  }
  return rows;
}

function requireInput(ctx: Context, port: string): InputArtifact {
  const input = ctx.inputs[port];
  const artifact = Array.isArray(input) ? input[0] : input;
  if (artifact === undefined) {
    throw new Error(`Internal error: features has no \`${port}\` input`);
  }
  return artifact;
}
