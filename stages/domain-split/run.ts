import {mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import sharp from 'sharp';
import type {ImagesIndex} from '../../artifacts/images.js';
import {readImagePixels, readImagesIndex} from '../../artifacts/read-images.js';
import type {StageContext} from '../../runner/stage-definition.js';
import {mixSeed, SeededRandom} from '../../runner/util/seeded-random.js';
import type {DomainSplitParams} from './definition.js';

type Context = StageContext<DomainSplitParams>;

/** Writes the chosen faces of both domains, split by identity. */
export async function run(context: Context): Promise<void> {
  const input = context.inputs.images;
  const images = Array.isArray(input) ? input[0] : input;
  const folder = context.outputs.dataset;
  if (images === undefined || folder === undefined) {
    throw new Error('Internal error: domain-split is missing a port');
  }
  const index = await readImagesIndex(images.path);
  const {params} = context;
  const testIdentities = pickTestIdentities(
    index,
    params.test_fraction ?? 0.1,
    params.seed ?? 0,
  );
  for (const [domain, name] of [
    ['A', params.domain_a],
    ['B', params.domain_b],
  ] as const) {
    const positions = facesOf(
      index,
      name,
      params.select ?? {},
      context.instance,
    );
    const counts = await writeDomain(
      images.path,
      index,
      positions,
      testIdentities,
      folder,
      domain,
    );
    context.metric('images', counts.train, {labels: {domain, split: 'train'}});
    context.metric('images', counts.test, {labels: {domain, split: 'test'}});
  }
}

function facesOf(
  index: ImagesIndex,
  name: string,
  select: Readonly<Record<string, string>>,
  instance: string,
): number[] {
  const label = index.labels.indexOf(name);
  if (label === -1) {
    throw new Error(
      `${instance}: no class "${name}"; the images have ${index.labels.join(', ')}`,
    );
  }
  const wanted = Object.entries(select);
  return index.records.flatMap((record, position) =>
    record.label === label &&
    wanted.every(([key, value]) => record.attributes[key] === value)
      ? [position]
      : [],
  );
}

/** A seeded share of the identities, at least one, held out for testing. */
function pickTestIdentities(
  index: ImagesIndex,
  fraction: number,
  seed: number,
): Set<string> {
  const identities = [
    ...new Set(index.records.map((record) => record.identity)),
  ].sort();
  const random = new SeededRandom(mixSeed(seed, identities.length));
  const shuffled = identities
    .map((identity) => ({identity, key: random.next()}))
    .sort((a, b) => a.key - b.key);
  const count = Math.max(1, Math.round(fraction * identities.length));
  return new Set(shuffled.slice(0, count).map((entry) => entry.identity));
}

async function writeDomain(
  imagesDir: string,
  index: ImagesIndex,
  positions: readonly number[],
  testIdentities: ReadonlySet<string>,
  folder: string,
  domain: 'A' | 'B',
): Promise<{train: number; test: number}> {
  const pixels = await readImagePixels(imagesDir, positions, index);
  const size = index.height * index.width * index.channels;
  const counts = {train: 0, test: 0};
  for (const split of ['train', 'test'] as const) {
    await mkdir(join(folder, `${split}${domain}`), {recursive: true});
  }
  for (const [n, position] of positions.entries()) {
    const record = index.records[position];
    const split = testIdentities.has(record?.identity ?? '') ? 'test' : 'train';
    counts[split]++;
    const file = join(
      folder,
      `${split}${domain}`,
      `${String(position).padStart(5, '0')}.png`,
    );
    const face = pixels.subarray(n * size, (n + 1) * size);
    await sharp(Buffer.from(face), {
      raw: {height: index.height, width: index.width, channels: index.channels},
    })
      .png()
      .toFile(file);
  }
  return counts;
}
