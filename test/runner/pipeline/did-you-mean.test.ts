import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  closestName,
  didYouMean,
  levenshtein,
} from '../../../runner/pipeline/did-you-mean.js';

test('edit distance counts a swap of neighbours as one edit', () => {
  assert.equal(levenshtein('train', 'train'), 0);
  assert.equal(levenshtein('trian', 'train'), 1);
  assert.equal(levenshtein('ingset', 'ingest'), 1);
  assert.equal(levenshtein('ingst', 'ingest'), 1);
  assert.equal(levenshtein('abc', 'cab'), 2);
  assert.equal(levenshtein('', 'abc'), 3);
  assert.equal(levenshtein('kitten', 'sitting'), 3);
});

test('a suggestion is made only for plausible typos', () => {
  assert.equal(closestName('evalute', ['evaluate', 'train']), 'evaluate');
  assert.equal(closestName('x', ['evaluate', 'train']), undefined);
  assert.equal(didYouMean('Train', ['train']), ' Did you mean "train"?');
  assert.equal(didYouMean('zzz', ['train']), '');
});
