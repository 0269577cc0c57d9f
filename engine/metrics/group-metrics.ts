import type {MetricRecord} from '../../artifacts/metrics.js';
import type {PredictionsFile} from '../../artifacts/predictions.js';
import {classSeries, reportMetrics, scalarMetrics} from './report-metrics.js';
import {
  computeReport,
  type ClassificationReport,
} from './classification-report.js';

/** The images of one attribute value, e.g. gender = F. */
interface Group {
  readonly name: string;
  readonly report: ClassificationReport;
}

/**
 * Every metric per group of each attribute (labels {attribute, group}),
 * then the largest gap between that attribute's groups as `<name>_gap`
 * (labels {attribute}, plus {class} for per-class metrics). Images without
 * the attribute are left out of its groups.
 */
export function groupMetrics(
  predictions: PredictionsFile,
  attributes: readonly string[],
): MetricRecord[] {
  return attributes.flatMap((attribute) => {
    const groups = splitGroups(predictions, attribute);
    return [
      ...groups.flatMap((group) =>
        reportMetrics(group.report, predictions.labels, {
          attribute,
          group: group.name,
        }),
      ),
      ...gapMetrics(groups, attribute, predictions.labels),
    ];
  });
}

/** Attribute names present on any image, sorted. */
export function presentAttributes(predictions: PredictionsFile): string[] {
  const names = new Set<string>();
  for (const attributes of predictions.attributes) {
    Object.keys(attributes).forEach((name) => names.add(name));
  }
  return [...names].sort();
}

function splitGroups(predictions: PredictionsFile, attribute: string): Group[] {
  const members = new Map<string, number[]>();
  predictions.attributes.forEach((attributes, i) => {
    const value = attributes[attribute];
    if (value !== undefined) {
      members.set(value, [...(members.get(value) ?? []), i]);
    }
  });
  return [...members.keys()].sort().map((name) => {
    const indices = members.get(name) ?? [];
    const report = computeReport(
      indices.map((i) => predictions.truth[i] ?? 0),
      indices.map((i) => predictions.probabilities[i] ?? []),
      predictions.labels.length,
    );
    return {name, report};
  });
}

function gapMetrics(
  groups: readonly Group[],
  attribute: string,
  classNames: readonly string[],
): MetricRecord[] {
  const first = groups[0]?.report;
  if (first === undefined) {
    return [];
  }
  const scalars = Object.keys(scalarMetrics(first))
    .filter((name) => name !== 'count')
    .map((name) => ({
      name: `${name}_gap`,
      value: spread(groups.map((g) => scalarMetrics(g.report)[name] ?? 0)),
      labels: {attribute},
    }));
  const perClass = Object.keys(classSeries(first)).flatMap((name) =>
    classNames.map((className, c) => ({
      name: `${name}_gap`,
      value: classGap(groups, name, c),
      labels: {attribute, class: className},
    })),
  );
  return [...scalars, ...perClass];
}

// A class absent from a group would score 0 there and fake a gap: only
// groups where the class occurs are compared.
function classGap(groups: readonly Group[], name: string, c: number): number {
  const values = groups
    .filter((group) => group.report.present[c] === true)
    .map((group) => classSeries(group.report)[name]?.[c] ?? 0);
  return spread(values);
}

function spread(values: readonly number[]): number {
  return values.length > 0 ? Math.max(...values) - Math.min(...values) : 0;
}
