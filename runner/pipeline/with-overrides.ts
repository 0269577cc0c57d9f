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
    const spec = document.stages.get(override.stage);
    if (spec === undefined) {
      collector.report(
        document.stagesSpan,
        'unknown-override',
        `--set ${override.text}: no stage "${override.stage}" in \`stages:\`.${didYouMean(override.stage, document.stages.keys())}`,
      );
      continue;
    }
    const definition = definitionOf(override.stage);
    if (definition === undefined) {
      continue;
    }
    const known = knownParamKeys(definition);
    if (!known.includes(override.key) && !acceptsAnyKey(definition)) {
      collector.report(
        spec.keySpan,
        'unknown-override',
        `--set ${override.text}: stage type "${definition.name}" has no \`with:\` key "${override.key}".${didYouMean(override.key, known)}`,
      );
      continue;
    }
    const value = isStringParam(definition, override.key)
      ? override.raw
      : parseOverrideValue(override.raw);
    const list = byStage.get(override.stage) ?? [];
    list.push({key: override.key, value, text: override.text});
    byStage.set(override.stage, list);
  }
  return byStage;
}
