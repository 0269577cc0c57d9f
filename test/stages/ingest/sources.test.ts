import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import sharp from 'sharp';
import {ingestStage} from '../../../stages/ingest/definition.js';
import {runIngest} from '../../../stages/ingest/run.js';
import {
  readImagePixels,
  readImagesIndex,
} from '../../../artifacts/read-images.js';
import type {ImagesIndex} from '../../../artifacts/images.js';
import {createTestStage} from '../../support/stage-context.js';
import type {TestStage} from '../../support/stage-context.js';
import type {IngestParams} from '../../../stages/ingest/definition.js';

async function writePng(file: string, grey: number): Promise<void> {
  await mkdir(join(file, '..'), {recursive: true});
  await sharp({
    create: {
      width: 20,
      height: 30,
      channels: 3,
      background: {r: grey, g: grey, b: grey},
    },
  })
    .png()
    .toFile(file);
}

async function ingest(
  withParams: Record<string, unknown>,
  setUp: (workspace: string) => Promise<void>,
): Promise<TestStage<IngestParams>> {
  const stage = await createTestStage(ingestStage, withParams);
  await setUp(stage.context.workspace);
  await runIngest(stage.context);
  return stage;
}

async function splits(stage: TestStage<IngestParams>): Promise<ImagesIndex[]> {
  const {outputs} = stage.context;
  return Promise.all(
    ['train', 'val', 'test'].map((port) =>
      readImagesIndex(outputs[port] ?? ''),
    ),
  );
}

function metric(
  stage: TestStage<IngestParams>,
  name: string,
): number | undefined {
  return stage.metrics.find((m) => m.name === name)?.value;
}

test('a folder per class becomes labelled, split, resized images', async () => {
  const stage = await ingest(
    {source: 'folder', path: 'set', image_size: 8, channels: 1},
    async (root) => {
      for (let i = 0; i < 10; i++) {
        await writePng(join(root, 'set', 'happy', `${i}.png`), 200);
        await writePng(join(root, 'set', 'sad', `${i}.png`), 40);
      }
      await writeFile(join(root, 'set', 'notes.txt'), 'not an image');
    },
  );
  try {
    const all = await splits(stage);
    assert.deepEqual(all[0]?.labels, ['happy', 'sad']);
    assert.equal(
      all.reduce((n, index) => n + index.count, 0),
      20,
    );
    assert.equal(metric(stage, 'bad_names'), 1);
    const train = stage.context.outputs.train ?? '';
    const index = all[0];
    assert.ok(index);
    assert.ok(index.count > 0);
    const pixels = await readImagePixels(train);
    assert.equal(pixels.length, index.count * 8 * 8);
    const first = index.records[0];
    assert.equal(pixels[0], first?.label === 0 ? 200 : 40);
  } finally {
    await stage.dispose();
  }
});

test('a manifest gives labels, identities and attribute columns', async () => {
  const stage = await ingest(
    {
      source: 'manifest',
      path: 'data/list.csv',
      image_size: 8,
      labels: ['b', 'a'],
    },
    async (root) => {
      const rows = ['path,label,identity,ethnicity'];
      for (let i = 0; i < 12; i++) {
        await writePng(join(root, 'data', `img${i}.png`), i * 20);
        rows.push(
          `img${i}.png,${i % 2 === 0 ? 'a' : 'b'},person${i % 4},"x, ${i}"`,
        );
      }
      await writeFile(join(root, 'data', 'list.csv'), rows.join('\n'));
    },
  );
  try {
    const all = await splits(stage);
    assert.deepEqual(all[0]?.labels, ['b', 'a']);
    const records = all.flatMap((index) => index.records);
    assert.equal(records.length, 12);
    const person0 = records.find((r) => r.source === 'img4.png');
    assert.deepEqual(person0?.attributes, {ethnicity: 'x, 4'});
    assert.equal(person0.identity, 'person0');
    assert.equal(person0.label, 1);
  } finally {
    await stage.dispose();
  }
});

const fer2013 = (rows: readonly string[]): string =>
  ['emotion,pixels,Usage', ...rows].join('\n');
const pixels48 = (value: number): string =>
  Array.from({length: 48 * 48}, () => value).join(' ');

test('fer2013 rows split by Usage with the emotion names', async () => {
  const stage = await ingest(
    {source: 'fer2013', path: 'fer2013.csv', image_size: 48, channels: 1},
    async (root) => {
      await writeFile(
        join(root, 'fer2013.csv'),
        fer2013([
          `3,${pixels48(250)},Training`,
          `0,${pixels48(10)},Training`,
          `6,${pixels48(128)},PublicTest`,
          `5,${pixels48(90)},PrivateTest`,
        ]),
      );
    },
  );
  try {
    const [train, val, test] = await splits(stage);
    // Only the emotions present, in FER2013's order.
    assert.deepEqual(train?.labels, ['angry', 'happy', 'surprise', 'neutral']);
    assert.deepEqual(
      train.records.map((r) => r.label),
      [1, 0],
    );
    assert.deepEqual(
      val?.records.map((r) => r.label),
      [3],
    );
    assert.deepEqual(
      test?.records.map((r) => r.label),
      [2],
    );
    const px = await readImagePixels(stage.context.outputs.val ?? '');
    assert.equal(px.length, 48 * 48);
    assert.equal(px[100], 128);
  } finally {
    await stage.dispose();
  }
});

async function corruptSet(root: string): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await writePng(join(root, 'set', i % 2 ? 'a' : 'b', `${i}.png`), 90);
  }
  const good = await sharp({
    create: {width: 40, height: 40, channels: 3, background: '#888'},
  })
    .jpeg()
    .toBuffer();
  await writeFile(join(root, 'set', 'a', 'broken.jpg'), good.subarray(0, 200));
}

test('a bad image stops the stage with its name by default', async () => {
  const stage = await createTestStage(ingestStage, {
    source: 'folder',
    path: 'set',
    image_size: 8,
  });
  try {
    await corruptSet(stage.context.workspace);
    await assert.rejects(runIngest(stage.context), (error: Error) => {
      assert.match(error.message, /cannot read image a\/broken\.jpg/);
      assert.match(error.message, /on_bad_image: skip/);
      return true;
    });
  } finally {
    await stage.dispose();
  }
});

test('with on_bad_image skip a bad image is left out and counted', async () => {
  const stage = await ingest(
    {source: 'folder', path: 'set', image_size: 8, on_bad_image: 'skip'},
    corruptSet,
  );
  try {
    const all = await splits(stage);
    assert.equal(
      all.reduce((n, index) => n + index.count, 0),
      6,
    );
    assert.equal(metric(stage, 'bad_images'), 1);
    assert.ok(stage.logs.some((line) => line.includes('a/broken.jpg')));
  } finally {
    await stage.dispose();
  }
});

test('a fer2013 row with too few pixels is a bad image', async () => {
  const stage = await ingest(
    {source: 'fer2013', path: 'f.csv', image_size: 8, on_bad_image: 'skip'},
    async (root) => {
      await writeFile(
        join(root, 'f.csv'),
        fer2013([`3,${pixels48(1)},Training`, '4,1 2 3,Training']),
      );
    },
  );
  try {
    assert.equal(metric(stage, 'bad_images'), 1);
    assert.equal((await splits(stage))[0]?.count, 1);
  } finally {
    await stage.dispose();
  }
});

test('a missing dataset path is a clear error', async () => {
  const stage = await createTestStage(ingestStage, {
    source: 'kdef',
    path: 'nope',
  });
  try {
    await assert.rejects(
      runIngest(stage.context),
      /path: nope is not a folder/,
    );
  } finally {
    await stage.dispose();
  }
});

test('a split with no share is written as an empty image set', async () => {
  const stage = await ingest(
    {
      source: 'folder',
      path: 'set',
      image_size: 8,
      split: {train: 0.8, val: 0, test: 0.2},
    },
    async (root) => {
      for (let i = 0; i < 5; i++) {
        await writePng(join(root, 'set', 'x', `${i}.png`), 10);
      }
    },
  );
  try {
    const [train, val, test] = await splits(stage);
    assert.deepEqual([train?.count, val?.count, test?.count], [4, 0, 1]);
    assert.equal(
      (await readImagePixels(stage.context.outputs.val ?? '')).length,
      0,
    );
  } finally {
    await stage.dispose();
  }
});

test('split ratios that do not add up to 1 are refused', async () => {
  const stage = await createTestStage(ingestStage, {
    source: 'synthetic',
    split: {train: 0.5, val: 0.2, test: 0.2},
  });
  try {
    await assert.rejects(
      runIngest(stage.context),
      /must add up to 1, found 0\.9000/,
    );
  } finally {
    await stage.dispose();
  }
});
