import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'node:test';
import {runCli} from '../../helpers/run-cli.js';
import {writeStripeFolders} from './fixtures.js';

const PIPELINE = `pipeline: tiny-cnn
stages:
  stripes:
    uses: ingest
    with:
      source: folder
      path: stripes
      image_size: 16
      channels: 1
      split: {train: 0.6, val: 0.4, test: 0}
  fit:
    uses: train
    inputs: {train: stripes.train, val: stripes.val}
    with:
      model: cnn
      conv_layers: 1
      filters: 8
      head_units: 16
      epochs: 3
      batch_size: 16
      lr: 0.01
      seed: 3
`;

interface MetricRow {
  name: string;
  value: number;
  step: number | null;
}

test('pipeline run trains a tiny cnn on stripes well above chance and records each epoch', async () => {
  const workspace = await mkdtemp(path.join(tmpdir(), 'train-cli-'));
  try {
    await writeStripeFolders(path.join(workspace, 'stripes'), 40);
    await writeFile(path.join(workspace, 'tiny.yaml'), PIPELINE);
    const run = await runCli(['run', 'tiny.yaml'], workspace);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const query = await runCli(
      [
        'query',
        "select name, value, step from metrics where stage = 'fit' " +
          "and name = 'val_accuracy' order by step",
        '--format',
        'json',
      ],
      workspace,
    );
    assert.equal(query.code, 0, query.stderr);
    const rows = JSON.parse(query.stdout) as MetricRow[];
    assert.deepEqual(
      rows.map((row) => row.step),
      [1, 2, 3],
    );
    assert.ok((rows.at(-1)?.value ?? 0) > 0.6, JSON.stringify(rows));
  } finally {
    await rm(workspace, {recursive: true, force: true});
  }
});
