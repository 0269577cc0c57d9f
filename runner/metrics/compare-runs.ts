import type {MetricInfo, RunDetail} from './run-detail.js';

/** One compared value; `null` where a run lacks it. */
export interface DiffRow<T> {
  /** [stage, parameter] or [stage, metric]. */
  readonly key: readonly [string, string];
  readonly a: T | null;
  readonly b: T | null;
  readonly differs: boolean;
}

/** Two runs lined up: what `compare` prints and the report shows. */
export interface RunComparison {
  /** Overrides (stage `overrides`) and each stage's parameters. */
  readonly params: readonly DiffRow<string>[];
  /** Final metrics (no step), keyed by stage, name and labels. */
  readonly metrics: readonly DiffRow<number>[];
}

/** Lines up two runs' parameters and final metrics, key by key. */
export function compareRuns(a: RunDetail, b: RunDetail): RunComparison {
  return {
    params: diff(paramsOf(a), paramsOf(b), (x, y) => x === y),
    metrics: diff(finalMetricsOf(a), finalMetricsOf(b), sameNumber),
  };
}

function sameNumber(x: number, y: number): boolean {
  return x === y || (Number.isNaN(x) && Number.isNaN(y));
}

function diff<T>(
  a: ReadonlyMap<string, T>,
  b: ReadonlyMap<string, T>,
  same: (x: T, y: T) => boolean,
): DiffRow<T>[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.map((key) => {
    const x = a.get(key) ?? null;
    const y = b.get(key) ?? null;
    const differs = x === null || y === null || !same(x, y);
    return {key: JSON.parse(key) as [string, string], a: x, b: y, differs};
  });
}

// Map keys are JSON pairs so that they sort by stage, then name.
function pairKey(stage: string, name: string): string {
  return JSON.stringify([stage, name]);
}

/** A run's parameters, nested keys joined with dots, values as text. */
function paramsOf(detail: RunDetail): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, text] of flatten('', detail.run.overrides)) {
    params.set(pairKey('overrides', key), text);
  }
  for (const stage of detail.stages) {
    for (const [key, text] of flatten('', stage.params)) {
      params.set(pairKey(stage.stage, key), text);
    }
  }
  return params;
}

/** `[dotted.key, text]` for every leaf of a JSON object. */
export function flatten(prefix: string, value: unknown): [string, string][] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, inner]) =>
      flatten(prefix === '' ? key : `${prefix}.${key}`, inner),
    );
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return [[prefix, text]];
}

function finalMetricsOf(detail: RunDetail): Map<string, number> {
  const metrics = new Map<string, number>();
  for (const metric of detail.metrics) {
    if (metric.step !== null) continue;
    metrics.set(pairKey(metric.stage, metricLabel(metric)), metric.value);
  }
  return metrics;
}

/** `f1 [class=happy]`, or the bare name without labels. */
export function metricLabel(metric: Pick<MetricInfo, 'name' | 'labels'>) {
  const labels = Object.entries(metric.labels).map(
    ([key, value]) => `${key}=${String(value)}`,
  );
  return labels.length === 0
    ? metric.name
    : `${metric.name} [${labels.join(', ')}]`;
}
