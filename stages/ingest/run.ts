import type {StageContext} from '../../runner/stage-definition.js';
import type {ImageRecord} from '../../artifacts/images.js';
import {writeImages} from '../../artifacts/images-writer.js';
import {
  previewRowsByClass,
  writePreviewGrid,
} from '../../artifacts/preview-grid.js';
import {join} from 'node:path';
import {decodeImages} from './decode-images.js';
import type {IngestParams} from './definition.js';
import {readSource} from './read-source.js';
import {selectLabels} from './select-labels.js';
import {IngestError} from './source-item.js';
import type {SourceItem, SplitName} from './source-item.js';
import {splitByIdentity, stratifiedFraction} from './split-by-identity.js';

const SPLITS: readonly SplitName[] = ['train', 'val', 'test'];
const SHOWN_UNMATCHED = 10;

/** The `ingest` stage: read or generate, split, decode, write. */
export async function runIngest(
  context: StageContext<IngestParams>,
): Promise<void> {
  // Checked first: generating or reading a dataset can take a while.
  const ratios = checkedRatios(context.params.split);
  const listing = await readSource(context);
  reportUnmatched(context, listing.unmatched);
  const {items, labels} = selectLabels(
    listing.items,
    context.params.labels,
    listing.labelOrder,
  );
  if (items.length === 0) {
    throw new IngestError('the dataset has no images to ingest');
  }
  const splits = assignSplits(context, items, ratios);
  let bad = 0;
  for (const split of SPLITS) {
    bad += await writeSplit(context, split, splits[split], labels);
  }
  context.metric('bad_images', bad);
}

function reportUnmatched(
  context: StageContext<IngestParams>,
  unmatched: readonly string[],
): void {
  context.metric('bad_names', unmatched.length);
  if (unmatched.length === 0) return;
  const shown = unmatched.slice(0, SHOWN_UNMATCHED).join(', ');
  const more = unmatched.length > SHOWN_UNMATCHED ? ', ...' : '';
  context.log(
    `skipped ${unmatched.length} files that do not follow the ` +
      `${context.params.source} naming: ${shown}${more}`,
  );
}

function assignSplits(
  context: StageContext<IngestParams>,
  items: readonly SourceItem[],
  ratios: IngestParams['split'],
): Record<SplitName, SourceItem[]> {
  const {params, seed} = context;
  const fixed = items.every((item) => item.split !== undefined);
  const splits = fixed
    ? {
        train: items.filter((item) => item.split === 'train'),
        val: items.filter((item) => item.split === 'val'),
        test: items.filter((item) => item.split === 'test'),
      }
    : splitByIdentity(items, ratios, seed);
  if (fixed) context.log('splits follow the dataset (FER2013 Usage)');
  splits.train = stratifiedFraction(splits.train, params.fraction, seed);
  return splits;
}

function checkedRatios(split: IngestParams['split']): IngestParams['split'] {
  const sum = split.train + split.val + split.test;
  if (Math.abs(sum - 1) > 1e-6) {
    throw new IngestError(
      `split: train + val + test must add up to 1, found ${sum.toFixed(4)}`,
    );
  }
  return split;
}

async function writeSplit(
  context: StageContext<IngestParams>,
  split: SplitName,
  items: readonly SourceItem[],
  labels: readonly string[],
): Promise<number> {
  const {params} = context;
  const decoded = await decodeImages(items, {
    size: params.image_size,
    channels: params.channels,
    concurrency: Math.max(2, context.cores) * 2,
    onBadImage: params.on_bad_image,
    signal: context.signal,
    onProgress: (done, total) => {
      context.progress(done, total, `decode ${split}`);
    },
  });
  for (const {source, reason} of decoded.bad) {
    context.log(`skipped bad image ${source}: ${reason}`);
  }
  const folder = context.outputs[split];
  if (folder === undefined) throw new Error(`Internal error: no ${split}`);
  const pixels = Buffer.concat(decoded.pixels);
  const index = await writeImages(
    folder,
    {
      height: params.image_size,
      width: params.image_size,
      channels: params.channels,
      labels,
      normalization: params.normalization,
      records: decoded.items.map((item) => toRecord(item, labels)),
    },
    pixels,
  );
  const rows = previewRowsByClass(index, pixels);
  await writePreviewGrid(join(folder, 'preview.png'), index, rows);
  context.metric('images', index.count, {labels: {split}});
  return decoded.bad.length;
}

function toRecord(item: SourceItem, labels: readonly string[]): ImageRecord {
  return {
    label: labels.indexOf(item.label),
    identity: item.identity,
    attributes: item.attributes,
    source: item.source,
  };
}
