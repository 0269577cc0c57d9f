import type {StageDefinition} from '../stage-definition.js';

const EXPRESSION = {
  type: 'string',
  pattern: '\\$\\{\\{.*\\}\\}',
  description: 'A `${{ params.NAME }}` or `${{ matrix.NAME }}` substitution.',
};
const SCALAR = {type: ['string', 'number', 'boolean']};
const REFERENCE = {
  type: 'string',
  pattern: '^[A-Za-z_][A-Za-z0-9_-]*\\.[^.]+$',
  description: 'An output of another stage: `stage.port`.',
};

/**
 * The JSON Schema that editors (yaml-language-server) use to complete and
 * check pipeline files. Generated from the stage definitions, so it lists
 * exactly the registered stage types and their `with:` keys.
 */
export function pipelineJsonSchema(
  stages: readonly StageDefinition[],
): Record<string, unknown> {
  const sorted = [...stages].sort((a, b) => a.name.localeCompare(b.name));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Pipeline file',
    description: 'A DAG of typed stages run by `pipeline run`.',
    type: 'object',
    additionalProperties: false,
    required: ['stages'],
    properties: {
      pipeline: {type: 'string', description: 'The pipeline name.'},
      params: {
        type: 'object',
        description:
          'Values that `${{ params.NAME }}` substitutes; `--set NAME=VALUE` overrides them.',
        additionalProperties: {anyOf: [SCALAR, {type: 'array', items: SCALAR}]},
      },
      stages: {
        type: 'object',
        minProperties: 1,
        propertyNames: {pattern: '^[A-Za-z_][A-Za-z0-9_-]*$'},
        additionalProperties: {$ref: '#/definitions/stage'},
      },
    },
    definitions: {stage: stageSchema(sorted)},
  };
}

function stageSchema(
  stages: readonly StageDefinition[],
): Record<string, unknown> {
  const names = stages.map((stage) => stage.name);
  return {
    type: 'object',
    additionalProperties: false,
    required: ['uses'],
    properties: {
      uses:
        names.length > 0
          ? {enum: names, description: 'The stage type.'}
          : {type: 'string'},
      with: {type: 'object', description: "The stage type's parameters."},
      inputs: {
        type: 'object',
        additionalProperties: {
          anyOf: [REFERENCE, {type: 'array', items: REFERENCE}],
        },
      },
      matrix: {
        type: 'object',
        minProperties: 1,
        additionalProperties: {
          anyOf: [{type: 'array', minItems: 1, items: SCALAR}, EXPRESSION],
        },
      },
      timeout: {
        anyOf: [
          {type: 'number', exclusiveMinimum: 0},
          {type: 'string', pattern: '^(\\d+(\\.\\d+)?(ms|s|m|h))+$'},
        ],
        description: 'Seconds, or a duration such as 90s, 5m, 1h.',
      },
      retry: {
        type: 'integer',
        minimum: 0,
        description: 'Extra attempts after a failure.',
      },
    },
    allOf: stages.map((stage) => ({
      if: {properties: {uses: {const: stage.name}}, required: ['uses']},
      then: {
        properties: {with: withSchema(stage), inputs: inputsSchema(stage)},
      },
    })),
  };
}

// Any `with:` value may instead be an expression, which the loader
// substitutes before validating the real schema.
function withSchema(stage: StageDefinition): Record<string, unknown> {
  const schema = JSON.parse(JSON.stringify(stage.params)) as {
    properties?: Record<string, {default?: unknown}>;
    required?: string[];
    additionalProperties?: unknown;
  };
  // The loader fills in defaults before validating, so a key with a default
  // need not be written even when the schema lists it as required.
  const required = (schema.required ?? []).filter(
    (key) => schema.properties?.[key]?.default === undefined,
  );
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([key, value]) => [
      key,
      {anyOf: [value, EXPRESSION]},
    ]),
  );
  return {
    ...schema,
    description: stage.description,
    properties,
    required,
    additionalProperties: schema.additionalProperties ?? false,
  };
}

function inputsSchema(stage: StageDefinition): Record<string, unknown> {
  const ports = Object.keys(stage.inputs);
  return ports.length > 0 ? {propertyNames: {enum: ports}} : {maxProperties: 0};
}
