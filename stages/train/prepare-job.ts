import path from 'node:path';
import type {LayersModel} from '@tensorflow/tfjs';
import type {ImagesIndex} from '../../artifacts/images.js';
import type {ModelMeta} from '../../artifacts/model.js';
import {buildCnn, type HeadOptions} from '../../engine/models/cnn.js';
import {buildFeatureHead} from '../../engine/models/feature-head.js';
import type {LabeledSet} from '../../engine/training/labeled-set.js';
import {readLabeledFeatures} from '../../engine/training/read-labeled-features.js';
import {readLabeledImages} from '../../engine/training/read-labeled-images.js';
import type {
  InputArtifact,
  StageContext,
} from '../../runner/stage-definition.js';
import type {TrainParams} from './definition.js';
import {stratifiedSubset} from './stratified-subset.js';

type Context = StageContext<TrainParams>;

/** A model ready to fit, its data, and what its meta.json will say. */
export interface TrainJob {
  readonly model: LayersModel;
  readonly train: LabeledSet;
  readonly val?: LabeledSet;
  readonly meta: Omit<ModelMeta, 'trainableParams'>;
  /** Backbone variables fine-tuned at `fine_tune_lr`. */
  readonly slowVariables?: ReadonlySet<string>;
}

/** Reads the inputs the chosen model needs and builds the model. */
export async function prepareJob(context: Context): Promise<TrainJob> {
  switch (context.params.model) {
    case 'cnn':
      return prepareImageJob(context, (index) =>
        Promise.resolve({model: buildCnn(cnnOptions(context, index))}),
      );
    case 'resnet50':
      return prepareImageJob(context, (index) => buildResNet(context, index));
    case 'face-xception':
      return prepareFeatureJob(context);
    case 'svm':
      throw new Error('Internal error: the SVM has its own path.');
  }
}

type Builder = (
  index: ImagesIndex,
) => Promise<{model: LayersModel; slowVariables?: ReadonlySet<string>}>;

async function prepareImageJob(
  context: Context,
  build: Builder,
): Promise<TrainJob> {
  const {params, seed} = context;
  const trainInput = requireInput(context, 'train', 'images');
  const {set, index} = await readLabeledImages(trainInput.path);
  const valInput = singleInput(context, 'val');
  const val = valInput && (await readLabeledImages(valInput.path));
  if (val !== undefined) checkSameLabels(index.labels, val.index.labels);
  const built = await build(index);
  return {
    ...built,
    train: stratifiedSubset(set, params.fraction, seed),
    ...(val && {val: val.set}),
    meta: {
      format: 'model/v1',
      kind: params.model,
      labels: index.labels,
      inputShape: [index.height, index.width, index.channels],
      normalization: index.normalization,
      input: 'pixels',
      featureLayer: 'features',
    },
  };
}

function cnnOptions(context: Context, index: ImagesIndex) {
  const {params, seed} = context;
  return {
    inputShape: [index.height, index.width, index.channels] as const,
    classes: index.labels.length,
    convLayers: params.conv_layers,
    ...(params.filters !== undefined && {filters: params.filters}),
    kernelSize: params.kernel_size,
    pooling: params.pooling,
    dropout: params.dropout,
    batchNorm: params.batch_norm,
    head: headOptions(params),
    seed,
  };
}

function headOptions(params: TrainParams): HeadOptions {
  return {
    layers: params.head_layers,
    units: params.head_units,
    dropout: params.head_dropout,
  };
}

/** ResNet-50 loads its module (and any weights file) only when asked. */
async function buildResNet(context: Context, index: ImagesIndex) {
  const {buildResNet50} = await import('../../engine/models/resnet50.js');
  const {params} = context;
  const built = await buildResNet50({
    inputShape: [index.height, index.width, index.channels],
    classes: index.labels.length,
    head: headOptions(params),
    ...(params.weights !== undefined && {
      weights: path.resolve(context.workspace, params.weights),
    }),
    fineTuneBlocks: params.fine_tune_blocks,
    seed: context.seed,
  });
  if (built.unexpectedWeights.length > 0) {
    context.log(
      `ignored ${built.unexpectedWeights.length} weights no layer takes ` +
        `(e.g. ${built.unexpectedWeights[0] ?? ''})`,
    );
  }
  return {model: built.model, slowVariables: new Set(built.fineTuneVariables)};
}

/** A dense head on frozen face-xception features. */
async function prepareFeatureJob(context: Context): Promise<TrainJob> {
  const {params, seed} = context;
  const input = requireInput(context, 'features', 'features');
  const {set, index} = await readLabeledFeatures(input.path);
  const valInput = singleInput(context, 'val_features');
  const val = valInput && (await readLabeledFeatures(valInput.path));
  if (val !== undefined) checkSameLabels(index.labels, val.index.labels);
  const model = buildFeatureHead({
    dim: index.dim,
    classes: index.labels.length,
    head: headOptions(params),
    seed,
  });
  return {
    model,
    train: stratifiedSubset(set, params.fraction, seed),
    ...(val && {val: val.set}),
    meta: {
      format: 'model/v1',
      kind: 'face-xception',
      labels: index.labels,
      inputShape: [64, 64, 1],
      normalization: 'symmetric',
      input: 'features',
      featureLayer: 'features',
    },
  };
}

function requireInput(
  context: Context,
  port: string,
  type: string,
): InputArtifact {
  const input = singleInput(context, port);
  if (input === undefined) {
    throw new Error(
      `train with model '${context.params.model}' needs the input ` +
        `'${port}' (${type}); add it under inputs: in ${context.instance}.`,
    );
  }
  return input;
}

/** The one artifact on port `name`, or undefined when it is not wired. */
export function singleInput(
  context: Context,
  name: string,
): InputArtifact | undefined {
  const input = context.inputs[name];
  return Array.isArray(input) ? input[0] : input;
}

function checkSameLabels(
  train: readonly string[],
  val: readonly string[],
): void {
  if (train.join('\n') !== val.join('\n')) {
    throw new Error(
      `The validation set's classes (${val.join(', ')}) differ from the ` +
        `training set's (${train.join(', ')}); split them from one ingest.`,
    );
  }
}
