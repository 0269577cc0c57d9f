import type {YAMLMap} from 'yaml';
import type {Scalar} from '../stage-definition.js';
import type {Span} from './diagnostic.js';

/**
 * A pipeline file read into typed parts that still remember where each
 * part sits in the text, so later checks can point at it.
 */
export interface PipelineDocument {
  readonly name: string;
  readonly params: ReadonlyMap<string, ParamSpec>;
  /** The `params:` key, or the file start when absent. */
  readonly paramsSpan: Span;
  readonly stages: ReadonlyMap<string, StageSpec>;
  readonly stagesSpan: Span;
}

/** One entry of `params:`, before `--set` overrides. */
export interface ParamSpec {
  readonly name: string;
  readonly value: ParamValue;
  readonly keySpan: Span;
}

/** What `params:` may hold: scalars and lists of scalars. */
export type ParamValue = Scalar | readonly Scalar[];

/** One entry of `stages:` as written; its type is resolved later. */
export interface StageSpec {
  readonly name: string;
  readonly keySpan: Span;
  readonly uses?: {readonly name: string; readonly span: Span};
  /** The `with:` mapping as parsed; expressions are resolved later. */
  readonly with?: YAMLMap;
  /** The `with:` key, where missing values are reported. */
  readonly withSpan?: Span;
  readonly inputs: readonly InputSpec[];
  readonly matrix: readonly AxisSpec[];
  readonly timeoutMs?: number;
  readonly retry: number;
}

/** One input port of a stage and the outputs bound to it. */
export interface InputSpec {
  readonly port: string;
  readonly keySpan: Span;
  readonly refs: readonly StageReference[];
  /** Written as a list, which only a `many` port accepts. */
  readonly list: boolean;
}

/** `stage.port` in `inputs:`. */
export interface StageReference {
  readonly stage: string;
  readonly port: string;
  readonly span: Span;
}

/** One `matrix:` axis as written, before inheritance. */
export interface AxisSpec {
  readonly name: string;
  readonly keySpan: Span;
  /** Literal values, or one `${{ params.x }}` naming a list. */
  readonly values: readonly AxisValue[] | AxisExpression;
}

/** A literal axis value with its place in the file. */
export interface AxisValue {
  readonly value: Scalar;
  readonly span: Span;
}

/** An axis given as an expression, resolved against `params:`. */
export interface AxisExpression {
  readonly expression: string;
  readonly span: Span;
}
