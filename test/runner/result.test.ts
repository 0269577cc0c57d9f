import {test} from 'node:test';
import assert from 'node:assert/strict';
import {fail, ok} from '../../runner/util/result.js';

test('ok and fail tag their values', () => {
  assert.deepEqual(ok(1), {ok: true, value: 1});
  assert.deepEqual(fail('x'), {ok: false, error: 'x'});
});
