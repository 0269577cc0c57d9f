import assert from 'node:assert/strict';
import {mkdir, mkdtemp, rm, utimes, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {MISSING, StatCache} from '../../../runner/cache/stat-cache.js';

test('an unchanged file is not read again, a changed one is', async () => {
  const root = await mkdtemp(join(tmpdir(), 'stat-cache-test-'));
  try {
    const file = join(root, 'data.csv');
    await writeFile(file, 'aaaa');
    // A whole second, which every file system stores exactly.
    const mtime = new Date(1_700_000_000_000);
    await utimes(file, mtime, mtime);
    const cache = await StatCache.load(root);
    const first = await cache.digestPath('data.csv');
    await cache.save();
    // Same size, same mtime, same inode: the cache answers without
    // reading, so it still returns the old digest for new bytes.
    await writeFile(file, 'bbbb');
    await utimes(file, mtime, mtime);
    const reloaded = await StatCache.load(root);
    assert.equal(await reloaded.digestPath('data.csv'), first);
    await utimes(file, mtime, new Date(mtime.getTime() + 5000));
    assert.notEqual(await reloaded.digestPath('data.csv'), first);
  } finally {
    await rm(root, {recursive: true, force: true});
  }
});

test('a folder digest follows any file in it; a missing path is marked', async () => {
  const root = await mkdtemp(join(tmpdir(), 'stat-cache-test-'));
  try {
    await mkdir(join(root, 'set'));
    await writeFile(join(root, 'set', 'one'), '1');
    const cache = await StatCache.load(root);
    const before = await cache.digestPath('set');
    await writeFile(join(root, 'set', 'two'), '2');
    assert.notEqual(await cache.digestPath('set'), before);
    assert.equal(await cache.digestPath('nothing'), MISSING);
  } finally {
    await rm(root, {recursive: true, force: true});
  }
});
