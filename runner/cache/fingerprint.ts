import type {PlannedInstance} from '../pipeline/plan.js';
import {canonicalJson} from '../util/canonical-json.js';
import {hashText} from '../util/hash-file.js';

/** Hex digest of a {@link FingerprintDocument}'s canonical JSON. */
export type Fingerprint = string & {readonly __brand: 'Fingerprint'};

/**
 * Everything a stage instance's result depends on. Kept whole (not just
 * its hash) so that `pipeline status` can say which part changed.
 */
export interface FingerprintDocument {
  readonly type: string;
  readonly version: number;
  /** Resolved `with:` values. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Input port to the digests bound to it, in binding order. */
  readonly inputs: Readonly<Record<string, readonly string[]>>;
  /** Workspace-relative external path to its digest. */
  readonly files: Readonly<Record<string, string>>;
  readonly runtime: Runtime;
}

export interface Runtime {
  /** Node major version: minor releases do not change results. */
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  /** TensorFlow.js backend asked for with `--backend`, else null. */
  readonly backend: string | null;
}

/** The parts of a document that the runner knows before planning. */
export interface FingerprintParts {
  readonly instance: PlannedInstance;
  readonly version: number;
  readonly inputs: Readonly<Record<string, readonly string[]>>;
  readonly files: Readonly<Record<string, string>>;
  readonly backend: string | null;
}

/** Assembles the document of one instance. */
export function buildFingerprintDocument(
  parts: FingerprintParts,
): FingerprintDocument {
  return {
    type: parts.instance.type,
    version: parts.version,
    params: parts.instance.params,
    inputs: parts.inputs,
    files: parts.files,
    runtime: currentRuntime(parts.backend),
  };
}

export function currentRuntime(backend: string | null): Runtime {
  const node = process.versions.node.split('.')[0] ?? process.versions.node;
  return {node, platform: process.platform, arch: process.arch, backend};
}

/** The fingerprint: equal documents, equal strings, equal hashes. */
export function computeFingerprint(doc: FingerprintDocument): Fingerprint {
  return hashText(canonicalJson(doc)) as Fingerprint;
}
