import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseDuration} from '../../../runner/pipeline/duration.js';

test('durations take units or plain seconds', () => {
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('5m'), 300_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration(1.5), 1500);
});

test('anything else is not a duration', () => {
  for (const value of ['soon', '5 m', '0s', '', '-1s', 0, -3, true, null]) {
    assert.equal(parseDuration(value), undefined, String(value));
  }
});
