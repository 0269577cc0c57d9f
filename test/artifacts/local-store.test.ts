import assert from 'node:assert/strict';
import {mkdir, mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {hashFolder} from '../../artifacts/folder-digest.js';
import {LocalStore, objectPath} from '../../artifacts/local-store.js';

let root: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'store-test-'));
});

after(async () => {
  await rm(root, {recursive: true, force: true});
});

async function filledTemp(store: LocalStore, text: string): Promise<string> {
  const folder = await store.createTemp();
  await mkdir(join(folder, 'sub'));
  await writeFile(join(folder, 'sub', 'x.txt'), text);
  return folder;
}

test('commit moves a folder under its digest and leaves no temp behind', async () => {
  const store = new LocalStore(root);
  const stored = await store.commit(await filledTemp(store, 'hello'));
  assert.equal(stored.bytes, 5);
  assert.match(stored.digest, /^[0-9a-f]{64}$/);
  assert.equal(store.path(stored.digest), objectPath(root, stored.digest));
  assert.deepEqual(await readdir(join(root, '.pipeline', 'tmp')), []);
  assert.equal(
    (await hashFolder(store.path(stored.digest))).digest,
    stored.digest,
  );
});

test('committing the same content twice keeps one object', async () => {
  const store = new LocalStore(root);
  const first = await store.commit(await filledTemp(store, 'same'));
  const second = await store.commit(await filledTemp(store, 'same'));
  assert.equal(first.digest, second.digest);
  assert.deepEqual(await readdir(join(root, '.pipeline', 'tmp')), []);
});

test('a file name is part of the digest, not only the bytes', async () => {
  const store = new LocalStore(root);
  const a = await store.createTemp();
  const b = await store.createTemp();
  await writeFile(join(a, 'a.txt'), 'x');
  await writeFile(join(b, 'b.txt'), 'x');
  assert.notEqual((await hashFolder(a)).digest, (await hashFolder(b)).digest);
});

test('verify deletes an object whose content no longer matches', async () => {
  const store = new LocalStore(root);
  const {digest} = await store.commit(await filledTemp(store, 'intact'));
  assert.equal(await store.verify(digest), true);
  await writeFile(join(store.path(digest), 'sub', 'x.txt'), 'intacT');
  assert.equal(await store.verify(digest), false);
  assert.equal(await store.has(digest), false);
});
