import type {MetricRecord} from '../../artifacts/metrics.js';

/**
 * The one writer of `.pipeline/results.duckdb`. The executor calls it as a
 * run progresses; a stage restored from cache is recorded like one that
 * ran, with `cached: true` and its stored metrics.
 */
export interface RunRecorder {
  startRun(run: RunStart): Promise<void>;
  recordStage(stage: StageRecord): Promise<void>;
  /** Many stages at once, e.g. every cache hit of a no-op run. */
  recordStages(stages: readonly StageRecord[]): Promise<void>;
  /** Metrics as they stream in (per-epoch values arrive during a stage). */
  recordMetrics(stage: string, metrics: readonly MetricRecord[]): Promise<void>;
  recordArtifacts(artifacts: readonly ArtifactRecord[]): Promise<void>;
  finishRun(status: RunStatus): Promise<void>;
  /**
   * Like `finishRun`, but leaves the last write to a detached importer so
   * that the runner can exit at once; readers import what is pending.
   * Nothing may be recorded after it.
   */
  handOff(status: RunStatus): Promise<void>;
  close(): Promise<void>;
}

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export type StageStatus = 'succeeded' | 'failed' | 'cancelled' | 'skipped';

export interface RunStart {
  readonly runId: string;
  readonly pipeline: string;
  readonly file: string;
  readonly startedAt: Date;
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly gitRev: string | null;
  readonly host: string;
  /** TensorFlow.js backend, or null when no ML stage ran. */
  readonly backend: string | null;
}

export interface StageRecord {
  readonly stage: string;
  readonly type: string;
  readonly matrix: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly fingerprint: string;
  readonly cached: boolean;
  readonly status: StageStatus;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly error: string | null;
  /** Where each input came from; the report draws the DAG from these. */
  readonly inputs?: readonly StageInputRecord[];
}

/** One edge of the run's DAG: an input port and the output feeding it. */
export interface StageInputRecord {
  readonly port: string;
  /** Producing instance, e.g. `train[fraction=0.5]`. */
  readonly producer: string;
  readonly producerPort: string;
  readonly digest: string;
}

export interface ArtifactRecord {
  readonly stage: string;
  readonly port: string;
  readonly digest: string;
  readonly type: string;
  readonly bytes: number;
}
