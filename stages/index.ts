import type {StageDefinition} from '../runner/stage-definition.js';
import {augmentStage} from './augment/definition.js';
import {commandStage} from './command/definition.js';
import {domainSplitStage} from './domain-split/definition.js';
import {evaluateStage} from './evaluate/definition.js';
import {featuresStage} from './features/definition.js';
import {ingestStage} from './ingest/definition.js';
import {perturbStage} from './perturb/definition.js';
import {trainStage} from './train/definition.js';
import {visualizeStage} from './visualize/definition.js';

/**
 * Every stage type the runner knows, by `uses:` name. Definitions are light
 * (schemas and ports); implementations load lazily in the stage worker.
 */
export const STAGES: readonly StageDefinition[] = [
  augmentStage,
  commandStage,
  domainSplitStage,
  evaluateStage,
  featuresStage,
  ingestStage,
  perturbStage,
  trainStage,
  visualizeStage,
];

export function findStage(name: string): StageDefinition | undefined {
  return STAGES.find((stage) => stage.name === name);
}
