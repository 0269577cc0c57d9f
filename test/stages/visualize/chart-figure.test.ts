import assert from 'node:assert/strict';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import type {MetricsFile} from '../../../artifacts/metrics.js';
import type {PredictionsFile} from '../../../artifacts/predictions.js';
import type {InputArtifact} from '../../../runner/stage-definition.js';
import type {VisualizeParams} from '../../../stages/visualize/definition.js';
import {visualizeStage} from '../../../stages/visualize/definition.js';
import {run} from '../../../stages/visualize/run.js';
import {checkFigures} from '../../support/figure-checks.js';
import {createTestStage, inputArtifact} from '../../support/stage-context.js';

let root: string;
const metrics: InputArtifact[] = [];
let predictions: InputArtifact;

// Accuracy rises with the fraction; three repeats per fraction give the
// spread that error bands and box plots show.
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'charts-'));
  for (const fraction of [0.1, 0.5, 0.8]) {
    for (const repeat of [0, 1, 2]) {
      const producer = `score[fraction=${fraction},repeat=${repeat}]`;
      const dir = join(root, producer);
      await mkdir(dir);
      const file: MetricsFile = {
        format: 'metrics/v1',
        metrics: [
          {name: 'accuracy', value: 0.4 + 0.5 * fraction + 0.01 * repeat},
          {name: 'f1', value: 0.3 + 0.5 * fraction},
          {name: 'accuracy', value: 0.5 + fraction / 4, labels: {group: 'F'}},
          {name: 'accuracy', value: 0.45 + fraction / 5, labels: {group: 'M'}},
          {name: 'trainable_params', value: 1000 * (1 + fraction * 10)},
        ],
      };
      await writeFile(join(dir, 'metrics.json'), JSON.stringify(file));
      metrics.push(inputArtifact(dir, 'metrics', {fraction, repeat}, producer));
    }
  }
  const dir = join(root, 'predictions');
  await mkdir(dir);
  const file: PredictionsFile = {
    format: 'predictions/v1',
    labels: ['angry', 'happy', 'sad'],
    truth: [0, 0, 1, 1, 2, 2],
    probabilities: [
      [0.9, 0.1, 0],
      [0.2, 0.7, 0.1],
      [0, 1, 0],
      [0.1, 0.8, 0.1],
      [0, 0.3, 0.7],
      [0.6, 0, 0.4],
    ],
    attributes: [],
  };
  await writeFile(join(dir, 'predictions.json'), JSON.stringify(file));
  predictions = inputArtifact(dir, 'predictions');
});

after(() => rm(root, {recursive: true, force: true}));

async function draw(params: VisualizeParams) {
  const stage = await createTestStage(visualizeStage, params, {
    inputs: {metrics, predictions},
  });
  await run(stage.context);
  return {stage, ...(await checkFigures(stage.context.outputs.figure ?? ''))};
}

test('a line chart plots the mean per x with points and an error band', async () => {
  const {stage, svgs} = await draw({
    kind: 'line',
    x: 'fraction',
    y: 'accuracy',
    where: {},
  });
  const svg = svgs.get('line') ?? '';
  assert.match(svg, /mark-line/);
  assert.match(svg, /mark-area/);
  assert.match(svg, /mark-symbol/);
  const spec = await readFile(
    join(stage.context.outputs.figure ?? '', 'line.vl.json'),
    'utf8',
  );
  // Group rows (with labels) are filtered out unless asked for.
  const values = (JSON.parse(spec) as {data: {values: {group?: string}[]}}).data
    .values;
  assert.equal(values.length, 9);
  await stage.dispose();
});

test('a filter on labels keeps only the matching rows', async () => {
  const {stage, svgs} = await draw({
    kind: 'bar',
    x: 'group',
    y: 'accuracy',
    color: 'fraction',
    where: {group: '*'},
    name: 'groups',
  });
  assert.match(svgs.get('groups') ?? '', /mark-rect/);
  await stage.dispose();
});

test('a box plot summarises repeats per x', async () => {
  const {stage, svgs} = await draw({kind: 'box', x: 'fraction', y: 'accuracy'});
  assert.match(svgs.get('box') ?? '', /mark-rect|mark-rule/);
  await stage.dispose();
});

test('a scatter plot can put one metric against another', async () => {
  const {stage, svgs} = await draw({
    kind: 'scatter',
    x: 'trainable_params',
    y: 'f1',
  });
  assert.match(svgs.get('scatter') ?? '', /mark-symbol/);
  await stage.dispose();
});

test('a confusion heat map comes as counts and normalised rates', async () => {
  const {stage, figures, svgs} = await draw({kind: 'heatmap'});
  assert.deepEqual(
    figures.map((figure) => figure.name),
    ['confusion-counts', 'confusion-normalised'],
  );
  assert.match(svgs.get('confusion-normalised') ?? '', />0\.50</);
  await stage.dispose();
});

test('an unknown field is an error that lists the fields', async () => {
  const stage = await createTestStage(
    visualizeStage,
    {kind: 'line', x: 'fractoin', y: 'accuracy'},
    {inputs: {metrics}},
  );
  await assert.rejects(run(stage.context), /no field "fractoin".*fraction/);
  await stage.dispose();
});
