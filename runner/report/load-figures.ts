import {readFile} from 'node:fs/promises';
import {extname, join} from 'node:path';
import type {FigureEntry} from '../../artifacts/figure.js';
import type {ArtifactInfo} from '../metrics/run-detail.js';

/** One picture of a figure, ready to inline. */
export type FigureView =
  | {readonly kind: 'image'; readonly dataUri: string; readonly file: string}
  | {readonly kind: 'html'; readonly html: string; readonly file: string};

/** One entry of a figure artifact's `figures.json`, with its pictures. */
export interface LoadedFigure {
  readonly stage: string;
  readonly name: string;
  readonly title: string;
  readonly views: readonly FigureView[];
  /** Why nothing could be shown, e.g. the object was garbage-collected. */
  readonly problem: string | null;
}

const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

/**
 * Reads every figure artifact of a run from the object store. A missing or
 * unreadable object becomes a figure with a `problem`, so the report still
 * renders and says what is absent.
 */
export async function loadFigures(
  workspace: string,
  artifacts: readonly ArtifactInfo[],
): Promise<LoadedFigure[]> {
  const figures = artifacts.filter((artifact) => artifact.type === 'figure');
  const loaded = await Promise.all(
    figures.map((artifact) => loadArtifact(workspace, artifact)),
  );
  return loaded.flat();
}

function objectFolder(workspace: string, digest: string): string {
  return join(workspace, '.pipeline', 'objects', digest.slice(0, 2), digest);
}

async function loadArtifact(
  workspace: string,
  artifact: ArtifactInfo,
): Promise<LoadedFigure[]> {
  const folder = objectFolder(workspace, artifact.digest);
  let entries: FigureEntry[];
  try {
    const text = await readFile(join(folder, 'figures.json'), 'utf8');
    entries = JSON.parse(text) as FigureEntry[];
  } catch {
    const problem =
      `figure object ${artifact.digest.slice(0, 12)} is not in the store ` +
      '(removed by `pipeline gc`?); run the pipeline again to restore it';
    return [missing(artifact, problem)];
  }
  return Promise.all(
    entries.map((entry) => loadEntry(folder, artifact.stage, entry)),
  );
}

function missing(artifact: ArtifactInfo, problem: string): LoadedFigure {
  const name = `${artifact.stage}.${artifact.port}`;
  return {stage: artifact.stage, name, title: name, views: [], problem};
}

async function loadEntry(
  folder: string,
  stage: string,
  entry: FigureEntry,
): Promise<LoadedFigure> {
  const files = preferredFiles(entry.files);
  const views = await Promise.all(
    files.map((file) => loadView(join(folder, file), file)),
  );
  const shown = views.filter((view): view is FigureView => view !== null);
  const problem = shown.length === 0 ? 'no SVG, PNG or HTML file' : null;
  return {stage, name: entry.name, title: entry.title, views: shown, problem};
}

/** SVG and PNG are the same picture: show the SVG, keep HTML views too. */
function preferredFiles(files: readonly string[]): string[] {
  const svgs = new Set(
    files.filter((f) => extname(f) === '.svg').map(stripExtension),
  );
  return files.filter(
    (file) => extname(file) !== '.png' || !svgs.has(stripExtension(file)),
  );
}

function stripExtension(file: string): string {
  return file.slice(0, file.length - extname(file).length);
}

/** The file as an inline view; null when it is not a picture or absent. */
async function loadView(
  path: string,
  file: string,
): Promise<FigureView | null> {
  try {
    return await readView(path, file);
  } catch {
    return null;
  }
}

async function readView(path: string, file: string) {
  const extension = extname(file).toLowerCase();
  if (extension === '.html') {
    const html = await readFile(path, 'utf8');
    return {kind: 'html' as const, html, file};
  }
  const type = IMAGE_TYPES[extension];
  if (type === undefined) return null;
  const data = (await readFile(path)).toString('base64');
  const dataUri = `data:${type};base64,${data}`;
  return {kind: 'image' as const, dataUri, file};
}
