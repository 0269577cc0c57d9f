import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {loadFigures} from '../../../runner/report/load-figures.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>';

function figureArtifact(digest: string) {
  return {stage: 'plot', port: 'figure', digest, type: 'figure', bytes: 1};
}

test('an svg hides its png twin and html views are kept', async () => {
  const root = await mkdtemp(join(tmpdir(), 'pipeline-figures-'));
  try {
    const digest = 'ef'.padEnd(64, '0');
    const folder = join(root, '.pipeline', 'objects', 'ef', digest);
    await mkdir(folder, {recursive: true});
    await writeFile(join(folder, 'c.svg'), SVG);
    await writeFile(join(folder, 'c.png'), 'not read');
    await writeFile(join(folder, 'c.html'), '<p>3-D</p>');
    const entry = {name: 'c', title: 'C', files: ['c.svg', 'c.png', 'c.html']};
    await writeFile(join(folder, 'figures.json'), JSON.stringify([entry]));
    const [figure] = await loadFigures(root, [figureArtifact(digest)]);
    assert.ok(figure);
    assert.deepEqual(
      figure.views.map((view) => [view.kind, view.file]),
      [
        ['image', 'c.svg'],
        ['html', 'c.html'],
      ],
    );
    assert.equal(figure.problem, null);
  } finally {
    await rm(root, {recursive: true, force: true});
  }
});

test('a figure missing from the store is named, not fatal', async () => {
  const digest = '01'.padEnd(64, 'a');
  const figures = await loadFigures(tmpdir(), [figureArtifact(digest)]);
  assert.deepEqual(figures, [
    {
      stage: 'plot',
      name: 'plot.figure',
      title: 'plot.figure',
      views: [],
      problem:
        'figure object 01aaaaaaaaaa is not in the store (removed by ' +
        '`pipeline gc`?); run the pipeline again to restore it',
    },
  ]);
});
