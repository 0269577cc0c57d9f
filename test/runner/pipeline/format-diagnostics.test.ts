import {test} from 'node:test';
import assert from 'node:assert/strict';
import {LineCounter, parseDocument} from 'yaml';
import type {Diagnostic} from '../../../runner/pipeline/diagnostic.js';
import {formatDiagnostics} from '../../../runner/pipeline/format-diagnostics.js';

function sourceFile(text: string) {
  const lines = new LineCounter();
  parseDocument(text, {lineCounter: lines});
  return {path: 'x.yaml', text, lines};
}

const FILE = sourceFile('a: 1\nbb: [1, 2]\n');

test('the underline spans the offending text on its line', () => {
  const diagnostic: Diagnostic = {
    reason: 'invalid-value',
    message: 'Bad list.',
    file: FILE,
    offset: 9,
    length: 6,
  };
  assert.equal(
    formatDiagnostics([diagnostic]),
    'x.yaml:2:5: Bad list.\nbb: [1, 2]\n    ^~~~~~\n',
  );
});

test('a span running past the line is cut at the line end', () => {
  const diagnostic: Diagnostic = {
    reason: 'invalid-value',
    message: 'Whole file.',
    file: FILE,
    offset: 3,
    length: 20,
  };
  assert.equal(
    formatDiagnostics([diagnostic]),
    'x.yaml:1:4: Whole file.\na: 1\n   ^\n',
  );
});

test('related locations follow their diagnostic and color is opt-in', () => {
  const diagnostic: Diagnostic = {
    reason: 'type-mismatch',
    message: 'Mismatch.',
    file: FILE,
    offset: 0,
    length: 1,
    related: [{message: 'Declared here.', file: FILE, offset: 5, length: 2}],
  };
  assert.equal(
    formatDiagnostics([diagnostic]),
    'x.yaml:1:1: Mismatch.\na: 1\n^\nx.yaml:2:1: Declared here.\nbb: [1, 2]\n^~\n',
  );
  const colored = formatDiagnostics([diagnostic], {color: true});
  const escape = '\u001b';
  assert.ok(
    colored.startsWith(`${escape}[1mx.yaml:1:1:${escape}[0m Mismatch.`),
  );
  assert.ok(colored.includes(`${escape}[31;1m^${escape}[0m`));
  assert.ok(colored.includes(`${escape}[36m^~${escape}[0m`));
});
