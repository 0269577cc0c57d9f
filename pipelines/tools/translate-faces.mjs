#!/usr/bin/env node
// The default "unpaired translation trainer" of emotion-transfer.yaml: a
// cheap, real baseline that runs offline. From the unpaired training
// folders it learns the mean face of each domain, and translates each test
// face by adding the difference of the means:
//   fakeB = A + (meanB - meanA)   (and fakeA = B + (meanA - meanB)).
// Faces of the built-in set are aligned, so this moves brows, eyes and
// mouth toward the other expression while keeping the person. It reports
// how many faces a nearest-mean classifier puts in the target domain,
// before and after translation. Swap in a real trainer (CUT,
// CycleGAN) with the pipeline's `translator` param; see docs/studies.md.
//
// Usage: node tools/translate-faces.mjs --dataroot DIR --results DIR
import {mkdir, readdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parseArgs} from 'node:util';
import sharp from 'sharp';

const {values} = parseArgs({
  options: {dataroot: {type: 'string'}, results: {type: 'string'}},
});
if (!values.dataroot || !values.results) {
  process.stderr.write(
    'usage: translate-faces.mjs --dataroot DIR --results DIR\n',
  );
  process.exit(2);
}

async function readFolder(folder) {
  const names = (await readdir(folder))
    .filter((n) => n.endsWith('.png'))
    .sort();
  const images = [];
  for (const name of names) {
    const {data, info} = await sharp(join(folder, name))
      .raw()
      .toBuffer({resolveWithObject: true});
    images.push({name, data, info});
  }
  return images;
}

function meanFace(images) {
  const mean = new Float64Array(images[0].data.length);
  for (const {data} of images)
    for (let i = 0; i < mean.length; i++) mean[i] += data[i] / images.length;
  return mean;
}

function distance(data, mean) {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += (data[i] - mean[i]) ** 2;
  return sum;
}

async function translate(images, from, to, folder, metrics, direction) {
  await mkdir(folder, {recursive: true});
  let before = 0;
  let after = 0;
  for (const {name, data, info} of images) {
    const out = Buffer.alloc(data.length);
    for (let i = 0; i < data.length; i++) {
      out[i] = Math.max(
        0,
        Math.min(255, Math.round(data[i] + to[i] - from[i])),
      );
    }
    before += distance(data, to) < distance(data, from) ? 1 : 0;
    after += distance(out, to) < distance(out, from) ? 1 : 0;
    await sharp(out, {raw: info}).png().toFile(join(folder, name));
  }
  const share = (count) => count / Math.max(1, images.length);
  metrics.push({
    name: 'in_target_domain',
    value: share(before),
    labels: {direction, of: 'input'},
  });
  metrics.push({
    name: 'in_target_domain',
    value: share(after),
    labels: {direction, of: 'translated'},
  });
}

const root = values.dataroot;
const [trainA, trainB, testA, testB] = await Promise.all(
  ['trainA', 'trainB', 'testA', 'testB'].map((f) => readFolder(join(root, f))),
);
const a = meanFace(trainA);
const b = meanFace(trainB);
const metrics = [];
await translate(testA, a, b, join(values.results, 'fakeB'), metrics, 'A->B');
await translate(testB, b, a, join(values.results, 'fakeA'), metrics, 'B->A');
await writeFile(
  join(values.results, 'metrics.json'),
  JSON.stringify(metrics, null, 2),
);
process.stdout.write(
  `translated ${testA.length} + ${testB.length} test faces\n`,
);
