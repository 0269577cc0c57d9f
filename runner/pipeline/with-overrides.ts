import type {StageDefinition} from '../stage-definition.js';
import type {Collector} from './collector.js';
import {didYouMean} from './did-you-mean.js';
import type {WithOverride} from './expand-stage.js';
import {parseOverrideValue, type Override} from './overrides.js';
import {
  acceptsAnyKey,
  isStringParam,
  knownParamKeys,
} from './params-validator.js';
import type {PipelineDocument} from './pipeline-document.js';

/**
 * Checks each `--set STAGE.with.KEY=VALUE` against the file and the stage
 * type, and types its value by the schema (text stays text).
 */
export function withOverrides(
  overrides: readonly Override[],
  document: PipelineDocument,
  definitionOf: (stage: string) => StageDefinition | undefined,
  collector: Collector,
): Map<string, WithOverride[]> {
  const byStage = new Map<string, WithOverride[]>();
  for (const override of overrides) {
    if (override.kind !== 'with') {
      continue;
    }
    const checked = check(override, document, definitionOf, collector);
    if (checked !== undefined) {
      const list = byStage.get(override.stage) ?? [];
      list.push(checked);
      byStage.set(override.stage, list);
    }
  }
  return byStage;
}

type StageOverride = Extract<Override, {kind: 'with'}>;

function check(
  override: StageOverride,
  document: PipelineDocument,
  definitionOf: (stage: string) => StageDefinition | undefined,
  collector: Collector,
): WithOverride | undefined {
  const {stage, key, text, raw} = override;
  const spec = document.stages.get(stage);
  if (spec === undefined) {
    const hint = didYouMean(stage, document.stages.keys());
    const message = `--set ${text}: no stage "${stage}" in \`stages:\`.${hint}`;
    collector.report(document.stagesSpan, 'unknown-override', message);
    return undefined;
  }
  // A stage with an unknown type was reported already.
  const definition = definitionOf(stage);
  if (definition === undefined) {
    return undefined;
  }
  const known = knownParamKeys(definition);
  if (!known.includes(key) && !acceptsAnyKey(definition)) {
    const hint = didYouMean(key, known);
    const message = `--set ${text}: stage type "${definition.name}" has no \`with:\` key "${key}".${hint}`;
    collector.report(spec.keySpan, 'unknown-override', message);
    return undefined;
  }
  const value = isStringParam(definition, key) ? raw : parseOverrideValue(raw);
  return {key, value, text};
}
