import {Ajv, type ErrorObject, type ValidateFunction} from 'ajv';
import type {StageDefinition} from '../stage-definition.js';

// One compiler for the process; each stage type's schema is compiled once,
// because a matrix of a thousand instances validates a thousand times.
const ajv = new Ajv({
  allErrors: true,
  useDefaults: true,
  verbose: true,
  strict: false,
});
const compiled = new WeakMap<StageDefinition, ValidateFunction>();

/**
 * Validates `with:` values in place: fills in schema defaults and returns
 * the schema errors (empty when the values are valid).
 */
export function validateParams(
  definition: StageDefinition,
  params: Record<string, unknown>,
): readonly ErrorObject[] {
  let validate = compiled.get(definition);
  if (validate === undefined) {
    validate = ajv.compile(definition.params);
    compiled.set(definition, validate);
  }
  return validate(params) ? [] : (validate.errors ?? []);
}

/** Declared `with:` keys; others are unknown unless the schema allows them. */
export function knownParamKeys(definition: StageDefinition): string[] {
  return Object.keys(definition.params.properties);
}

/** Whether the schema opts out of unknown-key checks (`additionalProperties`). */
export function acceptsAnyKey(definition: StageDefinition): boolean {
  const extra: unknown = definition.params.additionalProperties;
  return extra !== undefined && extra !== false;
}

/** Whether a `with:` key holds text, so `--set` keeps its value verbatim. */
export function isStringParam(
  definition: StageDefinition,
  key: string,
): boolean {
  const schema: unknown = definition.params.properties[key];
  return (
    typeof schema === 'object' &&
    schema !== null &&
    'type' in schema &&
    schema.type === 'string'
  );
}
