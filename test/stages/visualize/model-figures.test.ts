import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile, mkdir} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import type {PredictionsFile} from '../../../artifacts/predictions.js';
import {
  readImagesIndex,
  readImagePixels,
} from '../../../artifacts/read-images.js';
import type {PerturbParams} from '../../../stages/perturb/definition.js';
import {run as runPerturb} from '../../../stages/perturb/run.js';
import type {VisualizeParams} from '../../../stages/visualize/definition.js';
import {visualizeStage} from '../../../stages/visualize/definition.js';
import {perturbStage} from '../../../stages/perturb/definition.js';
import {run} from '../../../stages/visualize/run.js';
import {checkFigures} from '../../support/figure-checks.js';
import {
  FIXTURE_LABELS,
  writeImagesFixture,
} from '../../support/images-fixture.js';
import {createTestStage, inputArtifact} from '../../support/stage-context.js';
import {saveModelArtifact, tinyModel} from '../../support/tiny-model.js';

const SIZE = 12;
let root: string;
let images: string;
let model: string;
let predictions: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'model-figures-'));
  images = join(root, 'images');
  model = join(root, 'model');
  predictions = join(root, 'predictions');
  await writeImagesFixture(images, SIZE, 4);
  await saveModelArtifact(
    tinyModel(SIZE, 1, 3),
    model,
    FIXTURE_LABELS,
    'symmetric',
  );
  await mkdir(predictions);
  const file: PredictionsFile = {
    format: 'predictions/v1',
    labels: FIXTURE_LABELS,
    truth: [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2],
    probabilities: [0, 0, 1, 2, 1, 1, 0, 1, 2, 2, 1, 2].map((k) =>
      FIXTURE_LABELS.map((_, c) => (c === k ? 0.8 : 0.1)),
    ),
    attributes: [],
  };
  await writeFile(join(predictions, 'predictions.json'), JSON.stringify(file));
});

after(() => rm(root, {recursive: true, force: true}));

async function draw(params: VisualizeParams) {
  const stage = await createTestStage(visualizeStage, params, {
    inputs: {
      images: inputArtifact(images, 'images'),
      model: inputArtifact(model, 'model'),
      predictions: inputArtifact(predictions, 'predictions'),
    },
  });
  await run(stage.context);
  const checked = await checkFigures(stage.context.outputs.figure ?? '');
  await stage.dispose();
  return checked;
}

test('saliency maps show one face per class and one column per method', async () => {
  const {figures, svgs} = await draw({kind: 'saliency', select: {angle: 'S'}});
  assert.deepEqual(
    figures.map((figure) => figure.name),
    ['saliency'],
  );
  const svg = svgs.get('saliency') ?? '';
  // 3 faces x (face + 6 methods) pictures.
  assert.equal(svg.match(/<image /g)?.length, 21);
  assert.match(svg, /Grad-CAM/);
});

test('adversarial examples show the face and confidences per epsilon', async () => {
  const {svgs} = await draw({kind: 'adversarial', epsilons: [0, 0.05, 0.3]});
  const svg = svgs.get('adversarial') ?? '';
  assert.equal(svg.match(/<image /g)?.length, 3);
  assert.equal(svg.match(/%<\/text>/g)?.length, 9);
});

test('a chart of models plots and records their trainable parameters', async () => {
  const stage = await createTestStage(
    visualizeStage,
    {kind: 'bar', x: 'producer', y: 'trainable_params'},
    {inputs: {models: [inputArtifact(model, 'model', {}, 'tiny')]}},
  );
  await run(stage.context);
  const {svgs} = await checkFigures(stage.context.outputs.figure ?? '');
  assert.match(svgs.get('bar') ?? '', /mark-rect/);
  // conv 3x3x1x4 + 4, dense 6*6*4 x 3 + 3.
  assert.deepEqual(
    stage.metrics.map((metric) => [metric.name, metric.value]),
    [['trainable_params', 40 + 435]],
  );
  await stage.dispose();
});

test('sample grids show misclassified faces captioned with predictions', async () => {
  const {svgs} = await draw({kind: 'samples', samples: 'misclassified'});
  const svg = svgs.get('samples-misclassified') ?? '';
  assert.equal(svg.match(/<image /g)?.length, 4);
  assert.match(svg, /→ sad/);
});

async function perturbWith(params: PerturbParams) {
  const stage = await createTestStage(perturbStage, params, {
    inputs: {
      images: inputArtifact(images, 'images'),
      model: inputArtifact(model, 'model'),
    },
  });
  await runPerturb(stage.context);
  const out = stage.context.outputs.images ?? '';
  const pixels = await readImagePixels(out);
  const index = await readImagesIndex(out);
  await stage.dispose();
  return {pixels, index, metrics: stage.metrics};
}

test('perturb writes noisy images with the same index', async () => {
  const original = await readImagePixels(images);
  const {pixels, index, metrics} = await perturbWith({
    method: 'noise',
    variance: 0.01,
  });
  assert.equal(index.count, 12);
  assert.notDeepEqual(pixels, original);
  assert.ok(
    (metrics.find((m) => m.name === 'perturbation_linf')?.value ?? 0) > 0,
  );
});

test('an fgsm perturb moves every pixel by at most epsilon', async () => {
  const original = await readImagePixels(images);
  const {pixels} = await perturbWith({method: 'fgsm', epsilon: 0.02});
  const largest = Math.max(
    ...pixels.map((value, i) => Math.abs(value - (original[i] ?? 0))),
  );
  assert.ok(largest > 0 && largest <= Math.ceil(0.02 * 255));
});

test('an attack without a model is an error that says what to add', async () => {
  const stage = await createTestStage(
    perturbStage,
    {method: 'pgd', epsilon: 0.01},
    {inputs: {images: inputArtifact(images, 'images')}},
  );
  await assert.rejects(runPerturb(stage.context), /needs the input `model`/);
  await stage.dispose();
});
