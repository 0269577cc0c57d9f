import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  ANGLE_CODES,
  EXPRESSION_CODES,
  formatKdefPath,
  kdefIdentity,
  parseKdefName,
} from '../../../stages/ingest/kdef-name.js';

test('every expression and angle code parses and formats back', () => {
  for (const expression of EXPRESSION_CODES) {
    for (const angle of ANGLE_CODES) {
      const file = `BM17${expression}${angle}.JPG`;
      const name = parseKdefName(file);
      assert.deepEqual(name, {
        session: 'B',
        gender: 'M',
        person: 17,
        expression,
        angle,
      });
      assert.equal(formatKdefPath(name), `BM17/${file}`);
    }
  }
});

test('the example name reads as session A, female 01, angry, half left', () => {
  const name = parseKdefName('AF01ANHL.JPG');
  assert.deepEqual(name, {
    session: 'A',
    gender: 'F',
    person: 1,
    expression: 'AN',
    angle: 'HL',
  });
  assert.equal(kdefIdentity({gender: 'F', person: 1}), 'F01');
});

test('lower-case names and .jpeg parse', () => {
  assert.equal(parseKdefName('af01haS.jpeg')?.angle, 'S');
});

test('names that break the scheme do not parse', () => {
  for (const bad of [
    'CF01ANHL.JPG',
    'AX01ANHL.JPG',
    'AF1ANHL.JPG',
    'AF01XXHL.JPG',
    'AF01ANHX.JPG',
    'AF01ANHL.PNG',
    'AF01ANHL',
    'AF01ANSHL.JPG',
    'Thumbs.db',
  ]) {
    assert.equal(parseKdefName(bad), undefined, bad);
  }
});
