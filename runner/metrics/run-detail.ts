/** The `runs` row of one run, in plain values. */
export interface RunInfo {
  readonly runId: string;
  readonly pipeline: string;
  readonly file: string;
  /** `YYYY-MM-DD HH:MM:SS[.fff]`, UTC. */
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  readonly status: string;
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly gitRev: string | null;
  readonly host: string | null;
  readonly backend: string | null;
}

export interface StageInfo {
  readonly stage: string;
  readonly type: string;
  readonly matrix: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly fingerprint: string;
  readonly cached: boolean;
  readonly status: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly error: string | null;
}

export interface MetricInfo {
  readonly stage: string;
  readonly name: string;
  readonly value: number;
  readonly step: number | null;
  readonly labels: Readonly<Record<string, unknown>>;
}

export interface ArtifactInfo {
  readonly stage: string;
  readonly port: string;
  readonly digest: string;
  readonly type: string;
  readonly bytes: number;
}

export interface InputInfo {
  readonly stage: string;
  readonly port: string;
  readonly producer: string;
  readonly producerPort: string;
}

/** Everything recorded about one run, as `show`, `compare` and `report` use it. */
export interface RunDetail {
  readonly run: RunInfo;
  readonly stages: readonly StageInfo[];
  readonly metrics: readonly MetricInfo[];
  readonly artifacts: readonly ArtifactInfo[];
  readonly inputs: readonly InputInfo[];
}
