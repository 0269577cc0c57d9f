import type {MetricRecord} from '../../artifacts/metrics.js';
import {writePending} from './duckdb-writer.js';
import {isLockConflict} from './is-lock-conflict.js';
import {savePendingRun, startImporter} from './pending-runs.js';
import type {PendingWrite, StageMetric} from './pending-write.js';
import type {
  ArtifactRecord,
  RunRecorder,
  RunStart,
  RunStatus,
  StageRecord,
} from './recorder.js';
import {resultsPath} from './results-path.js';

/** Tuning for tests and benchmarks; the defaults suit `pipeline run`. */
export interface RecorderOptions {
  /** Longest a record waits in memory before it is written. */
  readonly flushIntervalMs?: number;
  /** How long the final write waits for readers to release the file. */
  readonly lockTimeoutMs?: number;
  /** The clock that stamps `finished_at`; tests fix it. */
  readonly now?: () => Date;
}

/**
 * The recorder behind `pipeline run`. Records are buffered and written in
 * batches, each in one short open-write-close of the database: a no-op
 * run writes once, and `pipeline query` can read between batches.
 */
export function openRunRecorder(
  workspaceRoot: string,
  options: RecorderOptions = {},
): Promise<RunRecorder> {
  return Promise.resolve(
    new BufferedRunRecorder(resultsPath(workspaceRoot), options),
  );
}

// A background write that meets a reader gives up quickly and retries at
// the next one; only the final write waits long.
const BACKGROUND_LOCK_TIMEOUT_MS = 500;

class BufferedRunRecorder implements RunRecorder {
  #run: RunStart | null = null;

  // The TensorFlow.js backend is chosen inside ML stages, so the run learns
  // it from their `backend` metric (label `backend`), cached ones included.
  #backend: string | null = null;
  #runWritten = false;
  #status: RunStatus = 'running';
  #finishedAt: Date | null = null;
  #stages: StageRecord[] = [];
  #metrics: StageMetric[] = [];
  #artifacts: ArtifactRecord[] = [];
  #dirty = false;
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();
  readonly #flushIntervalMs: number;
  readonly #lockTimeoutMs: number;
  readonly #now: () => Date;

  constructor(
    readonly path: string,
    options: RecorderOptions,
  ) {
    this.#flushIntervalMs = options.flushIntervalMs ?? 2000;
    this.#lockTimeoutMs = options.lockTimeoutMs ?? 30_000;
    this.#now = options.now ?? (() => new Date());
  }

  startRun(run: RunStart): Promise<void> {
    if (this.#run !== null) {
      throw new Error(`Internal error: run ${this.#run.runId} already started`);
    }
    this.#run = run;
    return this.#changed();
  }

  recordStage(stage: StageRecord): Promise<void> {
    this.#stages.push(stage);
    return this.#changed();
  }

  recordStages(stages: readonly StageRecord[]): Promise<void> {
    for (const stage of stages) this.#stages.push(stage);
    return this.#changed();
  }

  recordMetrics(
    stage: string,
    metrics: readonly MetricRecord[],
  ): Promise<void> {
    for (const metric of metrics) {
      this.#metrics.push({stage, metric});
      this.#noteBackend(metric);
    }
    return this.#changed();
  }

  recordArtifacts(artifacts: readonly ArtifactRecord[]): Promise<void> {
    for (const artifact of artifacts) this.#artifacts.push(artifact);
    return this.#changed();
  }

  async finishRun(status: RunStatus): Promise<void> {
    this.#status = status;
    this.#finishedAt = this.#now();
    this.#dirty = true;
    await this.#flushNow();
  }

  async handOff(status: RunStatus): Promise<void> {
    this.#status = status;
    this.#finishedAt = this.#now();
    this.#dirty = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    // A background batch still being written goes first, keeping order.
    await this.#writing.catch(() => undefined);
    if (this.#run === null) return;
    await savePendingRun(this.path, this.#takePending(this.#run));
    startImporter(this.path);
  }

  async close(): Promise<void> {
    await this.#flushNow();
  }

  #noteBackend(metric: MetricRecord): void {
    const backend = metric.labels?.['backend'];
    if (metric.name === 'backend' && typeof backend === 'string') {
      this.#backend = backend;
    }
  }

  #changed(): Promise<void> {
    if (this.#run === null) {
      throw new Error('Internal error: a record before startRun');
    }
    this.#dirty = true;
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      // A failed background write keeps its rows; the final write retries
      // them and reports what still fails.
      this.#flush(BACKGROUND_LOCK_TIMEOUT_MS).catch(() => undefined);
    }, this.#flushIntervalMs).unref();
    return Promise.resolve();
  }

  async #flushNow(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    try {
      await this.#flush(this.#lockTimeoutMs);
    } catch (error) {
      throw describeWriteError(error, this.path, this.#lockTimeoutMs);
    }
  }

  #flush(lockTimeoutMs: number): Promise<void> {
    const next = this.#writing
      .catch(() => undefined)
      .then(() => this.#writeOnce(lockTimeoutMs));
    this.#writing = next;
    return next;
  }

  async #writeOnce(lockTimeoutMs: number): Promise<void> {
    if (!this.#dirty || this.#run === null) return;
    const pending = this.#takePending(this.#run);
    try {
      await writePending(this.path, pending, lockTimeoutMs);
      this.#runWritten = true;
    } catch (error) {
      this.#restorePending(pending);
      throw error;
    }
  }

  #takePending(run: RunStart): PendingWrite {
    const pending = {
      runId: run.runId,
      insertRun: this.#runWritten ? null : run,
      status: this.#status,
      finishedAt: this.#finishedAt,
      backend: this.#backend,
      stages: this.#stages,
      metrics: this.#metrics,
      artifacts: this.#artifacts,
    };
    this.#stages = [];
    this.#metrics = [];
    this.#artifacts = [];
    this.#dirty = false;
    return pending;
  }

  #restorePending(pending: PendingWrite): void {
    this.#stages = [...pending.stages, ...this.#stages];
    this.#metrics = [...pending.metrics, ...this.#metrics];
    this.#artifacts = [...pending.artifacts, ...this.#artifacts];
    this.#dirty = true;
  }
}

function describeWriteError(error: unknown, path: string, timeoutMs: number) {
  if (isLockConflict(error)) {
    return new Error(
      `could not record the run: ${path} stayed locked by another ` +
        `process (a long \`pipeline query\`?) for ${timeoutMs / 1000} s`,
      {cause: error},
    );
  }
  return error;
}
