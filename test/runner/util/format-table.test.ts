import {test} from 'node:test';
import assert from 'node:assert/strict';
import {formatTable} from '../../../runner/util/format-table.js';
import {formatNumber} from '../../../runner/util/format-number.js';
import {formatDuration} from '../../../runner/util/format-duration.js';
import {formatCsv} from '../../../runner/util/format-csv.js';

test('numbers keep four significant digits and every integer digit', () => {
  const cases: [number, string][] = [
    [3, '3'],
    [0.853333, '0.8533'],
    [0.5, '0.5'],
    [12.3456, '12.35'],
    [12345.67, '12346'],
    [0.00012346, '0.0001235'],
    [0.00001234, '1.234e-5'],
    [2.5e9, '2500000000'],
    [2.5e9 + 0.5, '2.500e+9'],
    [Number.NaN, 'NaN'],
  ];
  for (const [value, text] of cases) assert.equal(formatNumber(value), text);
});

test('durations read as ms, seconds, minutes or hours', () => {
  assert.deepEqual([850, 12_340, 245_000, 3_720_000].map(formatDuration), [
    '850 ms',
    '12.3 s',
    '4m 05s',
    '1h 02m',
  ]);
});

test('a table aligns text left and numbers on the decimal point', () => {
  const table = formatTable(
    [{header: 'stage'}, {header: 'value', align: 'decimal'}],
    [
      ['train', 0.8125],
      ['score', 12],
      ['missing', null],
    ],
    'NULL',
  );
  assert.equal(
    table,
    [
      'stage      value',
      '-------  -------',
      'train     0.8125',
      'score    12',
      'missing     NULL',
    ].join('\n'),
  );
});

test('csv quotes only the fields that need it', () => {
  assert.equal(
    formatCsv(
      ['a', 'b'],
      [
        ['x, y', 'say "hi"'],
        [0.1, null],
      ],
    ),
    'a,b\n"x, y","say ""hi"""\n0.1,',
  );
});
