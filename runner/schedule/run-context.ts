import type {LocalStore} from '../../artifacts/local-store.js';
import type {StageVersions} from '../cache/document-of.js';
import type {Fingerprint, FingerprintDocument} from '../cache/fingerprint.js';
import type {RunCache, RunCacheEntry} from '../cache/run-cache.js';
import type {StatCache} from '../cache/stat-cache.js';
import type {PipelineState} from '../cache/workspace-state.js';
import type {ChildRegistry} from '../execute/child-registry.js';
import type {Reporter} from '../log/run-event.js';
import type {Plan, PlannedInstance} from '../pipeline/plan.js';
import type {Lanes} from './lanes.js';

/** Flags of `pipeline run` that shape scheduling. */
export interface RunOptions {
  readonly jobs: number;
  readonly devices: readonly string[];
  readonly keepGoing: boolean;
  /** Stage names or instance ids that run even when cached. */
  readonly force: ReadonlySet<string>;
  readonly versions: StageVersions;
  /** `--backend`, passed to stage workers as PIPELINE_BACKEND. */
  readonly backend: string | null;
}

export type InstanceStatus =
  'succeeded' | 'cached' | 'failed' | 'skipped' | 'cancelled';

/** How one instance ended in this run. */
export interface InstanceResult {
  readonly status: InstanceStatus;
  readonly fingerprint?: Fingerprint;
  readonly document?: FingerprintDocument;
  readonly entry?: RunCacheEntry;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly error?: string;
}

/** Everything the scheduler and executors share during one run. */
export interface RunContext {
  readonly runId: string;
  readonly plan: Plan;
  readonly byId: ReadonlyMap<string, PlannedInstance>;
  readonly options: RunOptions;
  readonly store: LocalStore;
  readonly runCache: RunCache;
  readonly statCache: StatCache;
  /** State as the previous run left it. */
  readonly previous: PipelineState;
  readonly lanes: Lanes;
  readonly reporter: Reporter;
  /** Aborted on fail-fast, Ctrl-C or SIGTERM. */
  readonly abort: AbortController;
  readonly logDir: string;
  /** Where running stage processes are noted, for the next run to reap. */
  readonly children: ChildRegistry;
  /** Each instance's eventual result; replaced when it is recomputed. */
  readonly results: Map<string, Promise<InstanceResult>>;
  /** Verification verdicts by digest, so each object is hashed once. */
  readonly verified: Map<string, Promise<boolean>>;
  /** Producers recomputed because a stored output was corrupt. */
  readonly recomputes: Map<string, Promise<InstanceResult>>;
}
