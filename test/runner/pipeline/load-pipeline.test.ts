import {test} from 'node:test';
import assert from 'node:assert/strict';
import {lines, loadText, problems} from './load-helpers.js';

test('a yaml syntax error is reported alone at its position', () => {
  const text = lines(
    'stages:',
    '  a:',
    '    uses: ingest',
    '    with: {size: 3',
  );
  assert.equal(
    problems(text),
    lines(
      'p.yaml:4:18: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }.',
      '    with: {size: 3',
      '                 ^',
    ),
  );
});

test('a duplicate key underlines the second copy and keeps the first', () => {
  const text = lines('stages:', '  a:', '    uses: ingest', '    uses: train');
  assert.equal(
    problems(text),
    lines(
      'p.yaml:4:5: Duplicate key "uses"; each key may appear once.',
      '    uses: train',
      '    ^~~~',
    ),
  );
});

test('unknown top-level and stage keys suggest the intended key', () => {
  const text = lines(
    'pipelin: x',
    'stages:',
    '  a:',
    '    uses: ingest',
    '    matrx: {size: [1]}',
  );
  assert.equal(
    problems(text),
    lines(
      'p.yaml:1:1: Unknown top-level key "pipelin". Did you mean "pipeline"? Allowed: pipeline, params, stages.',
      'pipelin: x',
      '^~~~~~~',
      '',
      'p.yaml:5:5: Unknown key "matrx" in stage "a". Did you mean "matrix"? Allowed: uses, with, inputs, matrix, timeout, retry.',
      '    matrx: {size: [1]}',
      '    ^~~~~',
    ),
  );
});

test('an unknown stage type suggests the closest known type', () => {
  assert.equal(
    problems(lines('stages:', '  a:', '    uses: ingset')),
    lines(
      'p.yaml:3:11: Unknown stage type "ingset". Did you mean "ingest"? Known types: chart, embed, evaluate, files, fit, ingest, tool, train.',
      '    uses: ingset',
      '          ^~~~~~',
    ),
  );
});

test('an unknown with key suggests the declared key', () => {
  assert.equal(
    problems(
      lines('stages:', '  a:', '    uses: ingest', '    with: {sise: 3}'),
    ),
    lines(
      'p.yaml:4:12: Unknown `with:` key "sise" for stage type "ingest". Did you mean "size"? Known keys: source, size.',
      '    with: {sise: 3}',
      '           ^~~~',
    ),
  );
});

test('a mistyped with value is underlined where it is written', () => {
  assert.equal(
    problems(
      lines(
        'stages:',
        '  a:',
        '    uses: ingest',
        '    with:',
        '      size: big',
      ),
    ),
    lines(
      'p.yaml:5:13: `with.size` must be integer, not string "big".',
      '      size: big',
      '            ^~~',
    ),
  );
});

test('a value outside the allowed choices suggests the closest one', () => {
  const text = lines(
    'stages:',
    '  faces: {uses: ingest}',
    '  t:',
    '    uses: train',
    '    inputs: {images: faces.train}',
    '    with: {model: resnet5}',
  );
  assert.equal(
    problems(text),
    lines(
      'p.yaml:6:19: `with.model` must be one of "cnn", "resnet50", not string "resnet5". Did you mean "resnet50"?',
      '    with: {model: resnet5}',
      '                  ^~~~~~~',
    ),
  );
});

test('a missing required with value points at with or at the stage', () => {
  const stage = [
    '  faces: {uses: ingest}',
    '  t:',
    '    uses: train',
    '    inputs: {images: faces.train}',
  ];
  assert.equal(
    problems(lines('stages:', ...stage)),
    lines(
      'p.yaml:3:3: Missing required value `with.model` in stage "t".',
      '  t:',
      '  ^',
    ),
  );
  assert.equal(
    problems(lines('stages:', ...stage, '    with: {epochs: 2}')),
    lines(
      'p.yaml:6:5: Missing required value `with.model` in stage "t".',
      '    with: {epochs: 2}',
      '    ^~~~',
    ),
  );
});

const TRAIN_ON = (ref: string): string =>
  lines(
    'stages:',
    '  faces: {uses: ingest}',
    '  t:',
    '    uses: train',
    `    inputs: {images: ${ref}}`,
    '    with: {model: cnn}',
  );

test('a reference to a missing stage suggests the closest stage', () => {
  assert.equal(
    problems(TRAIN_ON('face.train')),
    lines(
      'p.yaml:5:22: No stage "face" in this pipeline. Did you mean "faces"?',
      '    inputs: {images: face.train}',
      '                     ^~~~~~~~~~',
    ),
  );
});

test('a reference to a missing output port lists the outputs', () => {
  assert.equal(
    problems(TRAIN_ON('faces.trian')),
    lines(
      'p.yaml:5:22: Stage "faces" (ingest) has no output "trian". Did you mean "train"? Its outputs: train, test.',
      '    inputs: {images: faces.trian}',
      '                     ^~~~~~~~~~~',
    ),
  );
});

test('a reference that is not stage.port is a bad reference', () => {
  assert.equal(
    problems(TRAIN_ON('faces')),
    lines(
      'p.yaml:5:22: An input must reference an output as `stage.port`, not string "faces".',
      '    inputs: {images: faces}',
      '                     ^~~~~',
    ),
  );
});

test('an unknown input port is reported once, not also as unbound', () => {
  const text = TRAIN_ON('faces.train').replace('{images:', '{image:');
  assert.equal(
    problems(text),
    lines(
      'p.yaml:5:14: Stage type "train" has no input "image". Did you mean "images"? Its inputs: images.',
      '    inputs: {image: faces.train}',
      '             ^~~~~',
    ),
  );
});

test('an artifact type mismatch names both types and the producer', () => {
  const text = lines(
    'stages:',
    '  faces: {uses: ingest}',
    '  e:',
    '    uses: evaluate',
    '    inputs: {model: faces.test, images: faces.test}',
  );
  assert.equal(
    problems(text),
    lines(
      'p.yaml:5:21: Input "model" accepts model, but faces.test produces images.',
      '    inputs: {model: faces.test, images: faces.test}',
      '                    ^~~~~~~~~~',
      'p.yaml:2:3: Stage "faces" (ingest) is declared here.',
      '  faces: {uses: ingest}',
      '  ^~~~~',
    ),
  );
});

test('a required input port that is not bound is reported at the stage', () => {
  assert.equal(
    problems(
      lines('stages:', '  t:', '    uses: train', '    with: {model: cnn}'),
    ),
    lines(
      'p.yaml:2:3: Stage "t" needs input "images" (images); add `inputs: {images: STAGE.PORT}`.',
      '  t:',
      '  ^',
    ),
  );
});

test('a cycle is named in the direction artifacts flow', () => {
  const text = lines(
    'stages:',
    '  a:',
    '    uses: evaluate',
    '    inputs: {model: c.model, images: b.images}',
    '  b:',
    '    uses: embed',
    '    inputs: {images: a.metrics}',
    '  c:',
    '    uses: train',
    '    with: {model: cnn}',
    '    inputs: {images: b.images}',
  );
  assert.equal(
    problems(text),
    lines(
      'p.yaml:7:22: Cycle: a -> b -> c -> a; a stage cannot depend on its own output.',
      '    inputs: {images: a.metrics}',
      '                     ^~~~~~~~~',
    ),
  );
});

test('bad expressions are underlined exactly and not re-reported by the schema', () => {
  const text = lines(
    'params: {epochs: 2}',
    'stages:',
    '  faces: {uses: ingest}',
    '  t:',
    '    uses: train',
    '    inputs: {images: faces.train}',
    '    with:',
    '      model: cnn',
    '      epochs: ${{ params.epoch }}',
    '      name: "run-${{ env.USER }}"',
  );
  assert.equal(
    problems(text),
    lines(
      'p.yaml:9:15: Unknown parameter "epoch" in expression; it is not in `params:`. Did you mean "epochs"?',
      '      epochs: ${{ params.epoch }}',
      '              ^~~~~~~~~~~~~~~~~~~',
      '',
      'p.yaml:10:18: Unknown expression root "env" in `${{ env.USER }}`; expressions only substitute params.NAME or matrix.NAME.',
      '      name: "run-${{ env.USER }}"',
      '                 ^~~~~~~~~~~~~~~',
    ),
  );
});

test('function calls and unterminated expressions are bad expressions', () => {
  const text = lines(
    'stages:',
    '  a:',
    '    uses: chart',
    '    inputs: {metrics: []}',
    '    with: {title: "${{ toJSON(params) }} and ${{ params.x"}',
  );
  assert.equal(
    problems(text),
    lines(
      'p.yaml:5:20: Expression `${{ toJSON(params) }}` calls a function; expressions only substitute params.NAME or matrix.NAME.',
      '    with: {title: "${{ toJSON(params) }} and ${{ params.x"}',
      '                   ^~~~~~~~~~~~~~~~~~~~~',
    ),
  );
});

test('an unterminated expression is underlined to the end of its value', () => {
  const text = lines(
    'stages:',
    '  a:',
    '    uses: chart',
    '    inputs: {metrics: []}',
    '    with: {title: "x ${{ params.x"}',
  );
  assert.equal(
    problems(text),
    lines(
      'p.yaml:5:22: Unterminated expression: `${{` has no closing `}}`.',
      '    with: {title: "x ${{ params.x"}',
      '                     ^~~~~~~~~~~~',
    ),
  );
});

test('an unknown matrix axis in an expression suggests the axis', () => {
  const text = lines(
    'stages:',
    '  a:',
    '    uses: embed',
    '    matrix: {dims: [2, 3]}',
    '    inputs: {images: b.test}',
    '    with: {dim: ${{ matrix.dim }}}',
    '  b: {uses: ingest}',
  );
  assert.equal(
    problems(text),
    lines(
      'p.yaml:6:17: Unknown matrix axis "dim" in expression; it is not in this stage\'s matrix. Did you mean "dims"?',
      '    with: {dim: ${{ matrix.dim }}}',
      '                ^~~~~~~~~~~~~~~~~',
    ),
  );
});

test('an empty matrix axis and an empty matrix are errors', () => {
  const text = lines(
    'stages:',
    '  a:',
    '    uses: ingest',
    '    matrix: {size: []}',
    '  b:',
    '    uses: ingest',
    '    matrix: {}',
  );
  assert.equal(
    problems(text),
    lines(
      'p.yaml:4:20: Matrix axis "size" is empty, so the stage would never run; list at least one value.',
      '    matrix: {size: []}',
      '                   ^~',
      '',
      'p.yaml:7:13: A `matrix:` must map each axis name to a non-empty list of values.',
      '    matrix: {}',
      '            ^~',
    ),
  );
});

test('a missing upstream stage hides its consequences downstream', () => {
  const text = lines(
    'stages:',
    '  t:',
    '    uses: train',
    '    inputs: {images: nothing.train}',
    '    with: {model: cnn}',
    '  e:',
    '    uses: evaluate',
    '    inputs: {model: t.model, images: t.model}',
  );
  assert.equal(
    problems(text),
    lines(
      'p.yaml:4:22: No stage "nothing" in this pipeline.',
      '    inputs: {images: nothing.train}',
      '                     ^~~~~~~~~~~~~',
    ),
  );
});

test('every problem of a file is reported in one pass, in file order', () => {
  const text = lines(
    'params: {epochs: 2}',
    'stages:',
    '  faces:',
    '    uses: ingest',
    '    timeout: soon',
    '    retry: -1',
    '  t:',
    '    uses: trian',
    '  e:',
    '    uses: evaluate',
    '    inputs: {model: faces.train, images: faces.test}',
    '    with: {x: ${{ params.epochs }}}',
  );
  const result = loadText(text);
  assert.equal(result.ok, false);
  const reasons = result.error.map((item) => item.reason);
  assert.deepEqual(reasons, [
    'invalid-value',
    'invalid-value',
    'unknown-stage-type',
    'type-mismatch',
    'unknown-with-key',
  ]);
});

test('a missing file is one diagnostic without a position', async () => {
  const {loadPipeline} =
    await import('../../../runner/pipeline/load-pipeline.js');
  const {formatDiagnostics} =
    await import('../../../runner/pipeline/format-diagnostics.js');
  const result = await loadPipeline({file: 'no/such.yaml', overrides: []});
  assert.equal(
    result.ok ? '' : formatDiagnostics(result.error),
    'no/such.yaml: No such file; check the path of the pipeline file.\n',
  );
});
