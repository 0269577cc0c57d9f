import type {Static, TObject} from '@sinclair/typebox';
import type {ArtifactType} from '../artifacts/artifact-type.js';

/**
 * Which scheduler lane runs a stage: `cpu` stages run in parallel up to
 * `--jobs`, `accelerator` stages run one at a time per device.
 */
export type Lane = 'cpu' | 'accelerator';

/** A value that a matrix axis can take. */
export type Scalar = string | number | boolean;

export interface InputPort {
  readonly type: ArtifactType;
  /** A port that accepts many gathers every instance of a matrix upstream. */
  readonly many?: boolean;
  readonly optional?: boolean;
  readonly description?: string;
}

export interface OutputPort {
  readonly type: ArtifactType;
  readonly description?: string;
}

/** One upstream artifact as a stage sees it: a read-only folder. */
export interface InputArtifact {
  readonly path: string;
  readonly type: ArtifactType;
  readonly digest: string;
  /** Instance that produced it, e.g. `train[fraction=0.5]`. */
  readonly producer: string;
  /** Matrix values of the producing instance, `{}` outside a matrix. */
  readonly matrix: Readonly<Record<string, Scalar>>;
}

export interface MetricOptions {
  /** Epoch or iteration for a series; omitted for a final value. */
  readonly step?: number;
  /** Extra dimensions: class, group, epsilon, ... */
  readonly labels?: Readonly<Record<string, Scalar>>;
}

/**
 * What the runner hands to `run()`. Everything a stage may touch goes
 * through here: it never prints, never reads another stage's folder except
 * through `inputs`, and writes only under `outputs`.
 */
export interface StageContext<P> {
  /** Resolved `with:` values, defaults applied, validated by the schema. */
  readonly params: P;
  /** Input port name to artifact; a `many` port always gets an array. */
  readonly inputs: Readonly<Record<string, InputArtifact | InputArtifact[]>>;
  /** Output port name to an empty folder that the stage fills. */
  readonly outputs: Readonly<Record<string, string>>;
  /** Folder of the pipeline file; relative paths in params resolve here. */
  readonly workspace: string;
  /** Instance name, e.g. `train[fraction=0.5]`. */
  readonly instance: string;
  /** Seed from `with.seed` when given, else derived from the instance. */
  readonly seed: number;
  /** Cores this stage may use (the lane's share). */
  readonly cores: number;
  /** Scratch folder, removed after the stage ends. */
  readonly tempDir: string;
  readonly signal: AbortSignal;
  log(message: string): void;
  progress(done: number, total: number, label?: string): void;
  metric(name: string, value: number, options?: MetricOptions): void;
}

export interface StageImplementation<P> {
  run(context: StageContext<P>): Promise<void>;
}

/**
 * A stage type: everything the runner needs to validate, plan and
 * fingerprint it without loading its implementation (which may pull in
 * TensorFlow.js), plus a loader for the implementation itself.
 */
export interface StageDefinition<S extends TObject = TObject> {
  readonly name: string;
  /** Bump when the computation changes: it invalidates cached outputs. */
  readonly version: number;
  readonly description: string;
  /** TypeBox schema of `with:`; the JSON Schema and the type in one. */
  readonly params: S;
  readonly inputs: Readonly<Record<string, InputPort>>;
  /**
   * Set by stage types that take whatever `inputs:` a file binds (the
   * `command` type): any port name and artifact type is accepted, one
   * artifact per port, a matrix upstream inherited as usual.
   */
  readonly openInputs?: boolean;
  /** Fixed ports; `outputsFor` adds ports that depend on params. */
  readonly outputs: Readonly<Record<string, OutputPort>>;
  outputsFor?(params: Static<S>): Record<string, OutputPort>;
  readonly lane: Lane;
  /** Overrides `lane` when it depends on params (an SVM runs on `cpu`). */
  laneFor?(params: Static<S>): Lane;
  /**
   * Files or folders outside the store that the stage reads (a dataset,
   * a command's deps), relative to the workspace. They join the
   * fingerprint through the stat cache.
   */
  externalPaths?(params: Static<S>): string[];
  load(): Promise<StageImplementation<Static<S>>>;
}

/** Helper that keeps `S` inferred at each definition site. */
export function defineStage<S extends TObject>(
  definition: StageDefinition<S>,
): StageDefinition<S> {
  return definition;
}
