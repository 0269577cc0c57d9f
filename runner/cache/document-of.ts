import {findStage} from '../../stages/index.js';
import type {PlannedInstance} from '../pipeline/plan.js';
import {
  buildFingerprintDocument,
  type FingerprintDocument,
} from './fingerprint.js';
import type {StatCache} from './stat-cache.js';

/**
 * The fingerprint document of an instance once its input digests are
 * known. External files are digested through the stat cache. The
 * backend counts only for stages that run in a stage worker.
 */
export async function documentOf(
  instance: PlannedInstance,
  inputs: Readonly<Record<string, readonly string[]>>,
  statCache: StatCache,
  backend: string | null,
): Promise<FingerprintDocument> {
  const files: Record<string, string> = {};
  for (const path of instance.externalPaths) {
    files[path] = await statCache.digestPath(path);
  }
  return buildFingerprintDocument({
    instance,
    version: versionOf(instance.type),
    inputs,
    files,
    backend: instance.type === 'command' ? null : backend,
  });
}

function versionOf(type: string): number {
  const definition = findStage(type);
  if (definition === undefined) {
    throw new Error(`Internal error: unknown stage type ${type} in a plan`);
  }
  return definition.version;
}
