import type {PlannedInstance} from '../pipeline/plan.js';
import {
  buildFingerprintDocument,
  type FingerprintDocument,
} from './fingerprint.js';
import type {StatCache} from './stat-cache.js';

/** Stage type name to its definition's version. */
export type StageVersions = Readonly<Record<string, number>>;

export interface DocumentSources {
  readonly instance: PlannedInstance;
  /** Input port to the digests bound to it. */
  readonly inputs: Readonly<Record<string, readonly string[]>>;
  readonly statCache: StatCache;
  readonly versions: StageVersions;
  readonly backend: string | null;
}

/**
 * The fingerprint document of an instance once its input digests are
 * known. External files are digested through the stat cache. The
 * backend counts only for stages that run in a stage worker.
 */
export async function documentOf(
  sources: DocumentSources,
): Promise<FingerprintDocument> {
  const {instance, statCache} = sources;
  const files: Record<string, string> = {};
  for (const path of instance.externalPaths) {
    files[path] = await statCache.digestPath(path);
  }
  const version = sources.versions[instance.type];
  if (version === undefined) {
    throw new Error(
      `Internal error: no version for stage type ${instance.type}`,
    );
  }
  return buildFingerprintDocument({
    instance,
    version,
    inputs: sources.inputs,
    files,
    backend: instance.type === 'command' ? null : sources.backend,
  });
}
