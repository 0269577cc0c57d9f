import assert from 'node:assert/strict';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {domainSplitStage} from '../../../stages/domain-split/definition.js';
import {run} from '../../../stages/domain-split/run.js';
import {writeImagesFixture} from '../../support/images-fixture.js';
import {createTestStage, inputArtifact} from '../../support/stage-context.js';

let root: string;
let images: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'domain-split-'));
  images = join(root, 'images');
  // 3 classes x 10 people; angle alternates S / HL.
  await writeImagesFixture(images, 8, 10);
});

after(() => rm(root, {recursive: true, force: true}));

test('two classes land in the four folders, split by identity', async () => {
  const stage = await createTestStage(
    domainSplitStage,
    {domain_a: 'angry', domain_b: 'happy', select: {angle: 'S'}, seed: 1},
    {inputs: {images: inputArtifact(images, 'images')}},
  );
  await run(stage.context);
  const dir = stage.context.outputs.dataset ?? '';
  const [trainA, trainB, testA, testB] = await Promise.all(
    ['trainA', 'trainB', 'testA', 'testB'].map((name) =>
      readdir(join(dir, name)),
    ),
  );
  const folders = {
    trainA: trainA ?? [],
    trainB: trainB ?? [],
    testA: testA ?? [],
    testB: testB ?? [],
  };
  // Five front-facing faces per class; one person of ten held out.
  assert.equal(folders.trainA.length + folders.testA.length, 5);
  assert.equal(folders.trainB.length + folders.testB.length, 5);
  assert.ok(folders.testA.length <= 1 && folders.testB.length <= 1);
  assert.ok(folders.trainA.every((name) => name.endsWith('.png')));
  await stage.dispose();
});

test('an unknown class is an error that lists the classes', async () => {
  const stage = await createTestStage(
    domainSplitStage,
    {domain_a: 'angry', domain_b: 'joyful'},
    {inputs: {images: inputArtifact(images, 'images')}},
  );
  await assert.rejects(run(stage.context), /no class "joyful".*happy/);
  await stage.dispose();
});
