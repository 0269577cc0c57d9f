import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import type {FeaturesIndex} from '../../../artifacts/features.js';
import {SeededRandom} from '../../../runner/util/seeded-random.js';
import {visualizeStage} from '../../../stages/visualize/definition.js';
import {run} from '../../../stages/visualize/run.js';
import {checkFigures} from '../../support/figure-checks.js';
import {createTestStage, inputArtifact} from '../../support/stage-context.js';

const COUNT = 90;
const DIM = 8;
let features: string;

// Three expressions as three separated clusters of 8-d features.
before(async () => {
  features = await mkdtemp(join(tmpdir(), 'features-'));
  const random = new SeededRandom(5);
  const data = new Float32Array(COUNT * DIM);
  const labels = ['angry', 'happy', 'sad'];
  const records = Array.from({length: COUNT}, (_, i) => {
    for (let d = 0; d < DIM; d++) {
      data[i * DIM + d] = (d % 3 === i % 3 ? 8 : 0) + random.normal();
    }
    const angle = i % 2 === 0 ? 'straight' : 'half_left';
    return {label: i % 3, identity: `p${i}`, attributes: {angle}, source: ''};
  });
  const index: FeaturesIndex = {
    format: 'features/v1',
    count: COUNT,
    dim: DIM,
    labels,
    extractor: 'test',
    records,
  };
  await writeFile(join(features, 'index.json'), JSON.stringify(index));
  await writeFile(join(features, 'features.bin'), new Uint8Array(data.buffer));
});

after(() => rm(features, {recursive: true, force: true}));

test('t-SNE draws 2-D charts and 3-D pages that keep clusters apart', async () => {
  const stage = await createTestStage(
    visualizeStage,
    {kind: 'tsne', dimensions: [2, 3], perplexities: [5], iterations: 600},
    {inputs: {features: inputArtifact(features, 'features')}},
  );
  await run(stage.context);
  const dir = stage.context.outputs.figure ?? '';
  const {figures, svgs} = await checkFigures(dir);
  assert.deepEqual(
    figures.map((figure) => figure.files),
    [
      ['tsne-2d-p5.svg', 'tsne-2d-p5.png', 'tsne-2d-p5.vl.json'],
      [
        'tsne-3d-p5.svg',
        'tsne-3d-p5.png',
        'tsne-3d-p5.vl.json',
        'tsne-3d-p5.html',
      ],
    ],
  );
  assert.match(svgs.get('tsne-2d-p5') ?? '', /mark-symbol/);
  const page = await readFile(join(dir, 'tsne-3d-p5.html'), 'utf8');
  assert.match(page, /<canvas/);
  assert.doesNotMatch(page, /https?:\/\//);
  const agreement = stage.metrics.filter(
    (metric) => metric.name === 'tsne_neighbour_agreement',
  );
  assert.equal(agreement.length, 2);
  assert.ok(agreement.every((metric) => metric.value > 0.95));
  await stage.dispose();
});

test('UMAP embeds the same features, coloured by an attribute', async () => {
  const stage = await createTestStage(
    visualizeStage,
    {kind: 'umap', neighbors: 10, color_by: 'angle'},
    {inputs: {features: inputArtifact(features, 'features')}},
  );
  await run(stage.context);
  const {svgs} = await checkFigures(stage.context.outputs.figure ?? '');
  assert.match(svgs.get('umap-2d') ?? '', /half_left/);
  await stage.dispose();
});

test('colouring by a missing attribute names the ones there are', async () => {
  const stage = await createTestStage(
    visualizeStage,
    {kind: 'umap', color_by: 'gender'},
    {inputs: {features: inputArtifact(features, 'features')}},
  );
  await assert.rejects(run(stage.context), /no attribute "gender".*angle/);
  await stage.dispose();
});
