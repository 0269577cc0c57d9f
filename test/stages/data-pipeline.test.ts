import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {readImagesIndex} from '../../artifacts/read-images.js';
import {runCli} from '../helpers/run-cli.js';

const PIPELINE = `pipeline: faces
params: {size: 24}
stages:
  faces:
    uses: ingest
    with:
      source: synthetic
      image_size: \${{ params.size }}
      split: {train: 0.5, val: 0.25, test: 0.25}
      synthetic:
        identities: 8
        expressions: [HA, SA, SU]
        angles: [S, HR]
        sessions: [A]
        width: 48
        height: 64
  more:
    uses: augment
    inputs: {images: faces.train}
    with: {copies: 2, normalization: imagenet}
`;

interface ArtifactRow {
  stage: string;
  port: string;
  digest: string;
}

test('pipeline run generates, ingests and augments faces with previews', async () => {
  const workspace = await mkdtemp(join(tmpdir(), 'data-pipeline-'));
  try {
    await writeFile(join(workspace, 'faces.yaml'), PIPELINE);
    const run = await runCli(['run', 'faces.yaml'], workspace);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const query = await runCli(
      [
        'query',
        'select stage, port, digest from artifacts order by stage, port',
        '--format',
        'json',
      ],
      workspace,
    );
    assert.equal(query.code, 0, query.stderr);
    const rows = JSON.parse(query.stdout) as ArtifactRow[];
    assert.deepEqual(
      rows.map((row) => `${row.stage}.${row.port}`),
      ['faces.test', 'faces.train', 'faces.val', 'more.images'],
    );
    const folders = rows.map((row) =>
      join(
        workspace,
        '.pipeline',
        'objects',
        row.digest.slice(0, 2),
        row.digest,
      ),
    );
    for (const folder of folders) {
      assert.ok((await stat(join(folder, 'preview.png'))).size > 0, folder);
    }
    const [test, train, val, more] = await Promise.all(
      folders.map(readImagesIndex),
    );
    assert.ok(test && train && val && more);
    assert.equal(test.count + train.count + val.count, 48);
    assert.equal(more.count, train.count * 3);
    assert.equal(more.normalization, 'imagenet');
    assert.deepEqual(train.labels, ['happy', 'sad', 'surprised']);
  } finally {
    await rm(workspace, {recursive: true, force: true});
  }
});
