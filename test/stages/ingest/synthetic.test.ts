import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import sharp from 'sharp';
import {generateFaces} from '../../../stages/ingest/synthetic/generate-faces.js';
import type {SyntheticOptions} from '../../../stages/ingest/synthetic/generate-faces.js';
import {listFiles} from '../../../stages/ingest/list-files.js';
import {ingestStage} from '../../../stages/ingest/definition.js';
import {runIngest} from '../../../stages/ingest/run.js';
import {readImagesIndex} from '../../../artifacts/read-images.js';
import {createTestStage} from '../../support/stage-context.js';

const tiny: SyntheticOptions = {
  seed: 11,
  identities: 4,
  expressions: ['HA', 'SA'],
  angles: ['S', 'FR'],
  sessions: ['A', 'B'],
  width: 40,
  height: 54,
};

async function generated(
  options: SyntheticOptions,
): Promise<Map<string, Buffer>> {
  const folder = await mkdtemp(join(tmpdir(), 'faces-'));
  try {
    await generateFaces(folder, options);
    const files = await listFiles(folder);
    const entries = await Promise.all(
      files.map(
        async (file) => [file, await readFile(join(folder, file))] as const,
      ),
    );
    return new Map(entries);
  } finally {
    await rm(folder, {recursive: true});
  }
}

test('the generator writes the KDEF layout and the same bytes for a seed', async () => {
  const first = await generated(tiny);
  const again = await generated(tiny);
  assert.equal(first.size, 4 * 2 * 2 * 2 + 1);
  assert.ok(first.has('AF01/AF01HAS.JPG'));
  assert.ok(first.has('BM02/BM02SAFR.JPG'));
  assert.deepEqual([...first.keys()], [...again.keys()]);
  for (const [file, bytes] of first) {
    assert.ok(bytes.equals(again.get(file) ?? Buffer.alloc(0)), file);
  }
  const other = await generated({...tiny, seed: 12});
  assert.ok(
    !other
      .get('AF01/AF01HAS.JPG')
      ?.equals(first.get('AF01/AF01HAS.JPG') ?? Buffer.alloc(0)),
  );
  const meta = await sharp(first.get('AF01/AF01HAS.JPG')).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 40, 54]);
});

test('identities.csv records gender and skin tone per person', async () => {
  const files = await generated({
    ...tiny,
    identities: 10,
    expressions: ['NE'],
    angles: ['S'],
    sessions: ['A'],
  });
  const rows = (files.get('identities.csv')?.toString() ?? '')
    .trim()
    .split('\n');
  assert.equal(rows[0], 'identity,gender,skin_tone,hair');
  assert.equal(rows.length, 11);
  const tones = new Set(rows.slice(1).map((row) => row.split(',')[2]));
  assert.ok(tones.size >= 4, [...tones].join());
});

test('synthetic ingest splits people apart and keeps every attribute', async () => {
  const stage = await createTestStage(ingestStage, {
    source: 'synthetic',
    image_size: 16,
    synthetic: {
      identities: 10,
      expressions: ['HA', 'SA', 'SU'],
      angles: ['S', 'HL'],
      sessions: ['A'],
      width: 40,
      height: 54,
    },
    split: {train: 0.6, val: 0.2, test: 0.2},
  });
  try {
    await runIngest(stage.context);
    const indexes = await Promise.all(
      ['train', 'val', 'test'].map((port) =>
        readImagesIndex(stage.context.outputs[port] ?? ''),
      ),
    );
    const people = indexes.map(
      (index) => new Set(index.records.map((r) => r.identity)),
    );
    assert.deepEqual(
      people.map((set) => set.size),
      [6, 2, 2],
    );
    const all = people.flatMap((set) => [...set]);
    assert.equal(new Set(all).size, all.length);
    assert.deepEqual(indexes[0]?.labels, ['happy', 'sad', 'surprised']);
    const record = indexes[0].records[0];
    assert.ok(record);
    assert.deepEqual(Object.keys(record.attributes).sort(), [
      'angle',
      'expression',
      'gender',
      'hair',
      'session',
      'skin_tone',
    ]);
    assert.match(record.attributes.gender ?? '', /^(female|male)$/);
  } finally {
    await stage.dispose();
  }
});

test('kdef ingest filters angles and sessions and reports odd names', async () => {
  const stage = await createTestStage(ingestStage, {
    source: 'kdef',
    path: 'KDEF_and_AKDEF/KDEF',
    image_size: 8,
    angles: ['FR'],
    sessions: ['B'],
    labels: {HA: 'positive', SA: 'negative'},
  });
  try {
    const root = join(stage.context.workspace, 'KDEF_and_AKDEF', 'KDEF');
    await generateFaces(root, tiny);
    await writeFile(join(root, 'AF01', 'AF01HAS copy.JPG'), 'x');
    await runIngest(stage.context);
    const indexes = await Promise.all(
      ['train', 'val', 'test'].map((port) =>
        readImagesIndex(stage.context.outputs[port] ?? ''),
      ),
    );
    const records = indexes.flatMap((index) => index.records);
    assert.equal(records.length, 4 * 2);
    assert.ok(
      records.every(
        (r) =>
          r.attributes.angle === 'full_right' && r.attributes.session === 'B',
      ),
    );
    assert.deepEqual(indexes[0]?.labels, ['positive', 'negative']);
    assert.equal(stage.metrics.find((m) => m.name === 'bad_names')?.value, 1);
    assert.ok(
      stage.logs.some((line) => line.includes('AF01/AF01HAS copy.JPG')),
    );
  } finally {
    await stage.dispose();
  }
});

test('radiate names give ethnicity, gender and mapped labels', async () => {
  const stage = await createTestStage(ingestStage, {
    source: 'radiate',
    path: 'radiate',
    image_size: 8,
    labels: {HO: 'happy', HC: 'happy', CA: 'calm'},
  });
  try {
    const root = join(stage.context.workspace, 'radiate');
    const jpeg = await sharp({
      create: {width: 12, height: 12, channels: 3, background: '#a08070'},
    })
      .jpeg()
      .toBuffer();
    const {mkdir} = await import('node:fs/promises');
    await mkdir(root);
    for (const name of [
      'BF01_HO',
      'BF01_HC',
      'WM02_CA',
      'AF03_HO',
      'HM04_CA',
      'HM04_AO',
    ]) {
      await writeFile(join(root, `${name}.jpg`), jpeg);
    }
    await runIngest(stage.context);
    const indexes = await Promise.all(
      ['train', 'val', 'test'].map((port) =>
        readImagesIndex(stage.context.outputs[port] ?? ''),
      ),
    );
    const records = indexes.flatMap((index) => index.records);
    assert.equal(records.length, 5);
    assert.deepEqual(indexes[0]?.labels, ['happy', 'calm']);
    const hispanic = records.find((r) => r.identity === 'HM04');
    assert.deepEqual(hispanic?.attributes, {
      ethnicity: 'hispanic',
      gender: 'male',
      expression: 'CA',
    });
  } finally {
    await stage.dispose();
  }
});
