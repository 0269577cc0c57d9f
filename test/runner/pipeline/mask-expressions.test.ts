import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parse} from 'yaml';
import {
  maskExpressions,
  unmaskExpressions,
} from '../../../runner/pipeline/mask-expressions.js';

test('masking keeps every offset and lets flow mappings hold expressions', () => {
  const text = 'with: {a: ${{ params.x }}, b: [${{ matrix.y }}]}';
  const masked = maskExpressions(text);
  assert.equal(masked.length, text.length);
  assert.equal(masked.indexOf('params.x'), text.indexOf('params.x'));
  const parsed = parse(masked) as {with: {a: string; b: string[]}};
  assert.equal(unmaskExpressions(parsed.with.a), '${{ params.x }}');
  assert.deepEqual(parsed.with.b.map(unmaskExpressions), ['${{ matrix.y }}']);
});

test('text without a closed expression is left alone', () => {
  const text = 'a: {b: c}\nd: ${{ params.x\n';
  assert.equal(maskExpressions(text), text);
});
