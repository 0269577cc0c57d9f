import {stat} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import type {StageContext} from '../../runner/stage-definition.js';
import type {IngestParams} from './definition.js';
import {ANGLE_CODES, EXPRESSION_CODES} from './kdef-name.js';
import {IngestError} from './source-item.js';
import type {SourceListing} from './source-item.js';
import {readFer2013} from './sources/read-fer2013.js';
import {readFolder} from './sources/read-folder.js';
import {readKdef} from './sources/read-kdef.js';
import {readManifest} from './sources/read-manifest.js';
import {readRadiate} from './sources/read-radiate.js';
import {generateFaces} from './synthetic/generate-faces.js';

/** Default counts of the synthetic set: the size of KDEF. */
export const SYNTHETIC_DEFAULTS = {
  identities: 70,
  expressions: EXPRESSION_CODES,
  angles: ANGLE_CODES,
  sessions: ['A', 'B'],
  width: 128,
  height: 174,
} as const;

/** Lists the pictures of the source that `params.source` names. */
export async function readSource(
  context: StageContext<IngestParams>,
): Promise<SourceListing> {
  const {params} = context;
  const filter = {angles: params.angles, sessions: params.sessions};
  switch (params.source) {
    case 'synthetic':
      return readKdef(await generate(context), filter);
    case 'kdef':
      return readKdef(await existing(context, 'folder'), filter);
    case 'radiate':
      return readRadiate(await existing(context, 'folder'));
    case 'folder':
      return readFolder(await existing(context, 'folder'));
    case 'manifest':
      return readManifest(await existing(context, 'file'));
    case 'fer2013':
      return readFer2013(await existing(context, 'file'));
  }
}

async function generate(context: StageContext<IngestParams>): Promise<string> {
  const folder = join(context.tempDir, 'synthetic');
  const options = {...SYNTHETIC_DEFAULTS, ...context.params.synthetic};
  const count = await generateFaces(folder, {
    ...options,
    seed: context.seed,
    concurrency: Math.max(2, context.cores) * 2,
    signal: context.signal,
    onProgress: (done, total) => {
      context.progress(done, total, 'generate');
    },
  });
  context.log(`generated ${count} synthetic faces`);
  return folder;
}

async function existing(
  context: StageContext<IngestParams>,
  kind: 'folder' | 'file',
): Promise<string> {
  const {source, path} = context.params;
  if (path === undefined) {
    throw new IngestError(
      `source ${source} needs \`path:\`, the dataset ${kind} relative to ` +
        `the pipeline file`,
    );
  }
  const full = resolve(context.workspace, path);
  const info = await stat(full).catch(() => undefined);
  if (info === undefined || info.isDirectory() !== (kind === 'folder')) {
    throw new IngestError(
      `path: ${path} is not a ${kind} (looked at ${full}); source ` +
        `${source} reads a ${kind}`,
    );
  }
  return full;
}
