import type {InputPort, Lane, OutputPort, Scalar} from '../stage-definition.js';

/**
 * A validated pipeline file, expanded into stage instances. The loader
 * (`runner/pipeline/`) produces it and never executes anything; the
 * scheduler consumes it.
 */
export interface Plan {
  /** The file's `pipeline:` name. */
  readonly pipeline: string;
  /** Pipeline file path relative to `root`. */
  readonly file: string;
  /** Absolute folder of the pipeline file; the workspace root. */
  readonly root: string;
  /** `params:` after `--set` overrides. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The `--set` overrides as given, for the run record. */
  readonly overrides: Readonly<Record<string, unknown>>;
  /** Every instance, upstream before downstream. */
  readonly instances: readonly PlannedInstance[];
}

/** Where an input port's artifact comes from. */
export interface InputBinding {
  readonly instance: string;
  readonly port: string;
}

export interface PlannedInstance {
  /** Stable, readable name: `train` or `train[fraction=0.5]`. */
  readonly id: string;
  /** The key under `stages:`. */
  readonly stage: string;
  /** The `uses:` stage type. */
  readonly type: string;
  readonly matrix: Readonly<Record<string, Scalar>>;
  /** `with:` after substitution, defaults applied, schema-valid. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Port to its sources; one binding unless the port accepts many. */
  readonly inputs: Readonly<Record<string, readonly InputBinding[]>>;
  readonly inputPorts: Readonly<Record<string, InputPort>>;
  readonly outputPorts: Readonly<Record<string, OutputPort>>;
  readonly lane: Lane;
  /** Relative to the workspace, sorted. */
  readonly externalPaths: readonly string[];
  readonly timeoutMs?: number;
  /** Extra attempts after a failure. */
  readonly retry: number;
}
