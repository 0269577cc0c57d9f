import {FigureWriter} from '../../artifacts/figure.js';
import type {StageContext} from '../../runner/stage-definition.js';
import {SALIENCY_METHODS, type VisualizeParams} from './definition.js';
import {manyInputs, requireInput} from './stage-inputs.js';

type Context = StageContext<VisualizeParams>;

/** Draws the figures of one `visualize` instance into its figure artifact. */
export async function run(context: Context): Promise<void> {
  const writer = new FigureWriter(outputFolder(context));
  await draw(context, writer);
  await writer.finish();
}

function outputFolder(context: Context): string {
  const folder = context.outputs.figure;
  if (folder === undefined) {
    throw new Error('Internal error: visualize has no figure output folder');
  }
  return folder;
}

async function draw(context: Context, writer: FigureWriter): Promise<void> {
  const {params} = context;
  switch (params.kind) {
    case 'line':
    case 'bar':
    case 'box':
    case 'scatter': {
      const {drawChart} = await import('./chart-figure.js');
      const inputs = {
        metrics: manyInputs(context, 'metrics'),
        models: manyInputs(context, 'models'),
      };
      return drawChart(params.kind, params, inputs, writer, (...args) => {
        context.metric(...args);
      });
    }
    case 'heatmap': {
      const {drawConfusion} = await import('./confusion-figure.js');
      const title = params.title ?? 'Confusion matrix';
      const predictions = requireInput(context, 'predictions').path;
      return drawConfusion(
        predictions,
        params.name ?? 'confusion',
        title,
        writer,
      );
    }
    case 'tsne':
    case 'umap':
      return drawEmbedding(context, params.kind, writer);
    case 'saliency':
    case 'adversarial':
      return drawGradientFigure(context, params.kind, writer);
    case 'samples':
      return drawSampleGrid(context, writer);
  }
}

async function drawEmbedding(
  context: Context,
  method: 'tsne' | 'umap',
  writer: FigureWriter,
): Promise<void> {
  const {drawEmbeddings} = await import('./embedding-figure.js');
  const {params} = context;
  await drawEmbeddings(
    {
      method,
      featuresDir: requireInput(context, 'features').path,
      dimensions: params.dimensions ?? [2],
      perplexities: params.perplexities ?? [30],
      iterations: params.iterations,
      neighbors: params.neighbors ?? 15,
      colourBy: params.color_by ?? 'label',
      seed: params.seed ?? 0,
      metric: (name, value, options) => {
        context.metric(name, value, options);
      },
      progress: (done, total, label) => {
        context.progress(done, total, label);
      },
    },
    writer,
  );
}

async function drawGradientFigure(
  context: Context,
  kind: 'saliency' | 'adversarial',
  writer: FigureWriter,
): Promise<void> {
  const {loadGradientSetup} = await import('./gradient-setup.js');
  const {params} = context;
  const setup = await loadGradientSetup(
    requireInput(context, 'model').path,
    requireInput(context, 'images').path,
    {
      perClass: params.per_class ?? 1,
      select: params.select,
      count: kind === 'adversarial' ? (params.count ?? 1) : undefined,
    },
  );
  try {
    await (kind === 'saliency'
      ? drawSaliencyOf(params, setup, writer)
      : drawAdversarialOf(params, setup, writer));
  } finally {
    setup.target.model.dispose();
  }
}

type GradientSetup = Awaited<
  ReturnType<typeof import('./gradient-setup.js').loadGradientSetup>
>;

async function drawSaliencyOf(
  params: VisualizeParams,
  setup: GradientSetup,
  writer: FigureWriter,
): Promise<void> {
  const {drawSaliency} = await import('./saliency/saliency-figure.js');
  const methods = params.methods ?? [...SALIENCY_METHODS];
  await drawSaliency(setup.target, setup.faces, methods, writer);
}

async function drawAdversarialOf(
  params: VisualizeParams,
  setup: GradientSetup,
  writer: FigureWriter,
): Promise<void> {
  const {drawAdversarial} = await import('./adversarial-figure.js');
  const epsilons = params.epsilons ?? [0, 0.01, 0.3];
  await drawAdversarial(setup.target, setup.faces, epsilons, writer);
}

async function drawSampleGrid(
  context: Context,
  writer: FigureWriter,
): Promise<void> {
  const [{drawSamples}, {readPredictions}, {readImagesIndex}] =
    await Promise.all([
      import('./sample-grid-figure.js'),
      import('./confusion-figure.js'),
      import('../../artifacts/read-images.js'),
    ]);
  const imagesDir = requireInput(context, 'images').path;
  await drawSamples(
    {
      imagesDir,
      index: await readImagesIndex(imagesDir),
      predictions: await readPredictions(
        requireInput(context, 'predictions').path,
      ),
      which: context.params.samples ?? 'misclassified',
      count: context.params.count ?? 8,
    },
    writer,
  );
}
