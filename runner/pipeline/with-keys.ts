import type {StageDefinition} from '../stage-definition.js';
import type {Collector} from './collector.js';
import {didYouMean} from './did-you-mean.js';
import type {StageSpec} from './pipeline-document.js';
import {acceptsAnyKey, knownParamKeys} from './params-validator.js';
import {keyName, spanOf, uniquePairs} from './yaml-nodes.js';

/**
 * Reports `with:` keys the stage type does not declare. Done on the text,
 * once per stage, so a typo gets a did-you-mean instead of a bare schema
 * error in every matrix instance.
 */
export function checkWithKeys(
  spec: StageSpec,
  definition: StageDefinition,
  collector: Collector,
): void {
  if (spec.with === undefined || acceptsAnyKey(definition)) {
    return;
  }
  const known = knownParamKeys(definition);
  for (const pair of uniquePairs(spec.with)) {
    const key = keyName(pair) ?? '';
    if (!known.includes(key)) {
      const message = `Unknown \`with:\` key "${key}" for stage type "${definition.name}".${didYouMean(key, known)} Known keys: ${known.join(', ') || '(none)'}.`;
      collector.report(
        spanOf(pair.key, spec.keySpan),
        'unknown-with-key',
        message,
      );
    }
  }
}
