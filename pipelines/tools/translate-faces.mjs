#!/usr/bin/env node
// The default "unpaired translation trainer" of emotion-transfer.yaml: a
// cheap, real baseline that runs offline. It learns per-pixel moment
// matching between the two domains from the unpaired training folders
// (mean and spread of every pixel of trainA and of trainB) and translates
// each test face into the other domain:
//   fakeB = (A - meanA) / stdA * stdB + meanB   (and back for fakeA).
// Faces of the built-in set are aligned, so this moves brows, eyes and
// mouth toward the other expression. Swap in a real trainer (CUT,
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
  process.stderr.write('usage: translate-faces.mjs --dataroot DIR --results DIR\n');
  process.exit(2);
}

async function readFolder(folder) {
  const names = (await readdir(folder)).filter((n) => n.endsWith('.png')).sort();
  const images = [];
  for (const name of names) {
    const {data, info} = await sharp(join(folder, name)).raw().toBuffer({resolveWithObject: true});
    images.push({name, data, info});
  }
  return images;
}

function moments(images) {
  const size = images[0].data.length;
  const mean = new Float64Array(size);
  const spread = new Float64Array(size);
  for (const {data} of images) for (let i = 0; i < size; i++) mean[i] += data[i] / images.length;
  for (const {data} of images) {
    for (let i = 0; i < size; i++) spread[i] += (data[i] - mean[i]) ** 2 / images.length;
  }
  return {mean, std: spread.map((v) => Math.sqrt(v) + 1)};
}

function distance(data, mean) {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += Math.abs(data[i] - mean[i]);
  return sum / data.length / 255;
}

async function translate(images, from, to, folder, metrics, direction) {
  await mkdir(folder, {recursive: true});
  let before = 0;
  let after = 0;
  for (const {name, data, info} of images) {
    const out = Buffer.alloc(data.length);
    for (let i = 0; i < data.length; i++) {
      const value = ((data[i] - from.mean[i]) / from.std[i]) * to.std[i] + to.mean[i];
      out[i] = Math.max(0, Math.min(255, Math.round(value)));
    }
    before += distance(data, to.mean) / images.length;
    after += distance(out, to.mean) / images.length;
    await sharp(out, {raw: info}).png().toFile(join(folder, name));
  }
  metrics.push({name: 'distance_to_target_mean', value: before, labels: {direction, of: 'input'}});
  metrics.push({name: 'distance_to_target_mean', value: after, labels: {direction, of: 'translated'}});
}

const root = values.dataroot;
const [trainA, trainB, testA, testB] = await Promise.all(
  ['trainA', 'trainB', 'testA', 'testB'].map((f) => readFolder(join(root, f))),
);
const a = moments(trainA);
const b = moments(trainB);
const metrics = [];
await translate(testA, a, b, join(values.results, 'fakeB'), metrics, 'A->B');
await translate(testB, b, a, join(values.results, 'fakeA'), metrics, 'B->A');
await writeFile(join(values.results, 'metrics.json'), JSON.stringify(metrics, null, 2));
process.stdout.write(`translated ${testA.length} + ${testB.length} test faces\n`);
