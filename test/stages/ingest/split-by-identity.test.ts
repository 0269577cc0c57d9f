import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  splitByIdentity,
  stratifiedFraction,
} from '../../../stages/ingest/split-by-identity.js';

// 40 people; people 0-19 show labels a and b, 20-39 show b and c, twice.
const items = Array.from({length: 40}, (_, p) =>
  (p < 20 ? ['a', 'b', 'a', 'b'] : ['b', 'c', 'b', 'c']).map((label, k) => ({
    label,
    identity: `p${p}`,
    n: p * 4 + k,
  })),
).flat();
const ratios = {train: 0.6, val: 0.2, test: 0.2};

function count(list: readonly {label: string}[], label: string): number {
  return list.filter((item) => item.label === label).length;
}

test('no identity appears in two splits and every item is kept', () => {
  const splits = splitByIdentity(items, ratios, 3);
  const owners = new Map<string, string>();
  for (const [name, list] of Object.entries(splits)) {
    for (const item of list) {
      assert.equal(owners.get(item.identity) ?? name, name, item.identity);
      owners.set(item.identity, name);
    }
  }
  const all = [...splits.train, ...splits.val, ...splits.test];
  assert.equal(all.length, items.length);
});

test('each label is shared out close to the ratios', () => {
  const splits = splitByIdentity(items, ratios, 3);
  for (const label of ['a', 'b', 'c']) {
    const total = count(items, label);
    const share = count(splits.train, label) / total;
    assert.ok(Math.abs(share - 0.6) <= 0.1, `${label}: ${share}`);
    assert.ok(count(splits.val, label) > 0, label);
    assert.ok(count(splits.test, label) > 0, label);
  }
});

test('the same seed gives the same split, another seed another', () => {
  const ids = (seed: number): string[] =>
    splitByIdentity(items, ratios, seed).test.map((item) => item.identity);
  assert.deepEqual(ids(5), ids(5));
  assert.notDeepEqual(ids(5), ids(6));
});

test('a fraction keeps that share of each label in the original order', () => {
  const kept = stratifiedFraction(items, 0.25, 1);
  assert.equal(count(kept, 'a'), 10);
  assert.equal(count(kept, 'b'), 20);
  assert.equal(count(kept, 'c'), 10);
  const order = kept.map((item) => item.n);
  assert.deepEqual(
    order,
    [...order].sort((x, y) => x - y),
  );
});
