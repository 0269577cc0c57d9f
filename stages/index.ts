import type {StageDefinition} from '../runner/stage-definition.js';
import {commandStage} from './command/definition.js';
import {perturbStage} from './perturb/definition.js';
import {visualizeStage} from './visualize/definition.js';

/**
 * Every stage type the runner knows, by `uses:` name. Definitions are light
 * (schemas and ports); implementations load lazily in the stage worker.
 */
export const STAGES: readonly StageDefinition[] = [
  commandStage,
  perturbStage as unknown as StageDefinition,
  visualizeStage as unknown as StageDefinition,
];

export function findStage(name: string): StageDefinition | undefined {
  return STAGES.find((stage) => stage.name === name);
}
