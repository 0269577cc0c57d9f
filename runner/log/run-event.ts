import type {MetricRecord} from '../../artifacts/metrics.js';
import type {Lane} from '../stage-definition.js';

/** Why a run ended. */
export type RunEndReason = 'succeeded' | 'failed' | 'cancelled';

/** Totals shown at the end of a run and in `run-end`. */
export interface RunCounts {
  ran: number;
  cached: number;
  failed: number;
  skipped: number;
}

/**
 * Everything the runner reports while it works. Reporters render these;
 * no other module prints. `--json` writes them one per line as they are.
 */
export type RunEvent =
  | {type: 'run-start'; runId: string; pipeline: string; instances: number}
  | {type: 'queued'; instance: string; lane: Lane}
  | {type: 'started'; instance: string; attempt: number; device?: string}
  | {type: 'cache-hit'; instance: string; restored: string[]}
  | {type: 'cache-miss'; instance: string; reasons: string[]}
  | {type: 'corrupt-object'; instance: string; digest: string}
  | {type: 'log'; instance: string; line: string}
  | {type: 'progress'; instance: string; done: number; total: number}
  | {type: 'metric'; instance: string; metric: MetricRecord}
  | {type: 'succeeded'; instance: string; durationMs: number}
  | FailedEvent
  | {type: 'skipped'; instance: string; reason: string}
  | {type: 'run-end'; reason: RunEndReason; counts: RunCounts; ms: number};

export interface FailedEvent {
  type: 'failed';
  instance: string;
  attempt: number;
  willRetry: boolean;
  /** One line: exit code, signal, timeout. */
  error: string;
  /** The last lines of the instance's log, for the summary. */
  logTail: string;
  logFile: string;
}

/** Receives events; `close` flushes whatever the reporter keeps. */
export interface Reporter {
  onEvent(event: RunEvent): void;
  close(): void;
}
