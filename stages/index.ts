import type {StageDefinition} from '../runner/stage-definition.js';
import {evaluateStage} from './evaluate/definition.js';
import {featuresStage} from './features/definition.js';
import {trainStage} from './train/definition.js';

/**
 * Every stage type the runner knows, by `uses:` name. Definitions are light
 * (schemas and ports); implementations load lazily in the stage worker.
 */
export const STAGES: readonly StageDefinition[] = [
  trainStage,
  evaluateStage,
  featuresStage,
];

export function findStage(name: string): StageDefinition | undefined {
  return STAGES.find((stage) => stage.name === name);
}
