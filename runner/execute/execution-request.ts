import type {MetricRecord} from '../../artifacts/metrics.js';
import type {PlannedInstance} from '../pipeline/plan.js';
import type {InputArtifact} from '../stage-definition.js';
import type {ChildRegistry} from './child-registry.js';

/** One attempt at one stage instance, as an executor receives it. */
export interface ExecutionRequest {
  readonly instance: PlannedInstance;
  readonly root: string;
  readonly inputs: Readonly<Record<string, InputArtifact | InputArtifact[]>>;
  /** Output port to the empty folder the stage fills. */
  readonly outputs: Readonly<Record<string, string>>;
  readonly tempDir: string;
  readonly logFd: number;
  /** Runner-provided variables: device, backend. */
  readonly env: Readonly<Record<string, string>>;
  readonly cores: number;
  readonly signal: AbortSignal;
  readonly registry: ChildRegistry;
  /** Log lines, progress and metrics as the stage reports them. */
  readonly report: (message: WorkerMessage) => void;
}

/** What a stage worker sends back over IPC. */
export type WorkerMessage =
  | {kind: 'log'; line: string}
  | {kind: 'progress'; done: number; total: number; label?: string}
  | {kind: 'metric'; metric: MetricRecord}
  | {kind: 'error'; message: string};

/** What the parent sends a stage worker to start it. */
export interface WorkerRequest {
  readonly type: string;
  readonly instance: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly inputs: Readonly<Record<string, InputArtifact | InputArtifact[]>>;
  readonly outputs: Readonly<Record<string, string>>;
  readonly workspace: string;
  readonly seed: number;
  readonly cores: number;
  readonly tempDir: string;
}
