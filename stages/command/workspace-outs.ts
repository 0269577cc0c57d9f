import {cp, copyFile, mkdir, rm, stat} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';

/**
 * A command's declared outputs live in the workspace; the store keeps a
 * copy of each as an artifact folder. A file out `a/b.csv` is stored as
 * a folder holding `b.csv`; a folder out is stored as its content.
 */
export async function removeOuts(
  root: string,
  outs: Readonly<Record<string, string>>,
): Promise<void> {
  for (const path of Object.values(outs)) {
    await rm(join(root, path), {recursive: true, force: true});
  }
}

/** Copies each out into its port's output folder; a missing out fails. */
export async function collectOuts(
  root: string,
  outs: Readonly<Record<string, string>>,
  outputs: Readonly<Record<string, string>>,
): Promise<void> {
  for (const [port, path] of Object.entries(outs)) {
    const folder = outputs[port];
    if (folder === undefined) {
      throw new Error(`Internal error: no output folder for port ${port}`);
    }
    await copyOut(join(root, path), folder, `${port} (${path})`);
  }
}

async function copyOut(
  source: string,
  folder: string,
  label: string,
): Promise<void> {
  const info = await stat(source).catch(() => undefined);
  if (info === undefined) {
    throw new MissingOutError(`declared out ${label} was not produced`);
  }
  await mkdir(folder, {recursive: true});
  if (info.isDirectory()) {
    await cp(source, folder, {recursive: true});
  } else {
    await copyFile(source, join(folder, basename(source)));
  }
}

/** Puts a stored out back into the workspace, replacing what is there. */
export async function restoreOut(
  object: string,
  root: string,
  path: string,
): Promise<void> {
  const target = join(root, path);
  const objectFile = join(object, basename(path));
  const isFileOut = await stat(objectFile)
    .then((info) => info.isFile())
    .catch(() => false);
  await rm(target, {recursive: true, force: true});
  await mkdir(dirname(target), {recursive: true});
  if (isFileOut) {
    await copyFile(objectFile, target);
  } else {
    await cp(object, target, {recursive: true});
  }
}

/** A command exited with 0 without writing an out it declared. */
export class MissingOutError extends Error {
  override readonly name = 'MissingOutError';
}
