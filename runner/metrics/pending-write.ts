import type {MetricRecord} from '../../artifacts/metrics.js';
import type {
  ArtifactRecord,
  RunStart,
  RunStatus,
  StageRecord,
} from './recorder.js';

/** A metric with the stage instance that reported it. */
export interface StageMetric {
  readonly stage: string;
  readonly metric: MetricRecord;
}

/**
 * Everything recorded since the last flush, written in one transaction.
 * `insertRun` is set until the run's row exists; later flushes update
 * its status instead.
 */
export interface PendingWrite {
  readonly runId: string;
  readonly insertRun: RunStart | null;
  readonly status: RunStatus;
  readonly finishedAt: Date | null;
  /** Backend an ML stage reported, once one has (else the start's). */
  readonly backend: string | null;
  readonly stages: readonly StageRecord[];
  readonly metrics: readonly StageMetric[];
  readonly artifacts: readonly ArtifactRecord[];
}
