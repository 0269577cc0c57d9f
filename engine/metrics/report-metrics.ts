import type {MetricRecord} from '../../artifacts/metrics.js';
import type {Scalar} from '../../runner/stage-definition.js';
import type {ClassificationReport} from './classification-report.js';

type Labels = Readonly<Record<string, Scalar>>;

/**
 * The metric rows of one report, names as users query them: accuracy,
 * macro_f1, top2_accuracy, mean_confidence, count, precision / recall /
 * f1 (labels {class}) and confusion (labels {true, predicted}). `extra`
 * labels (e.g. {attribute, group}) join every row.
 */
export function reportMetrics(
  report: ClassificationReport,
  classNames: readonly string[],
  extra: Labels = {},
): MetricRecord[] {
  return [
    ...Object.entries(scalarMetrics(report)).map(([name, value]) =>
      row(name, value, extra),
    ),
    ...classMetrics(report, classNames, extra),
    ...confusionMetrics(report, classNames, extra),
  ];
}

/** The single-number figures of a report, by metric name. */
export function scalarMetrics(
  report: ClassificationReport,
): Record<string, number> {
  return {
    accuracy: report.accuracy,
    macro_f1: report.macroF1,
    top2_accuracy: report.top2Accuracy,
    mean_confidence: report.meanConfidence,
    count: report.count,
  };
}

/** Per-class figures of a report, by metric name, in label order. */
export function classSeries(
  report: ClassificationReport,
): Record<string, readonly number[]> {
  return {precision: report.precision, recall: report.recall, f1: report.f1};
}

function classMetrics(
  report: ClassificationReport,
  classNames: readonly string[],
  extra: Labels,
): MetricRecord[] {
  return Object.entries(classSeries(report)).flatMap(([name, values]) =>
    values.map((value, c) =>
      row(name, value, {...extra, class: classNames[c] ?? String(c)}),
    ),
  );
}

function confusionMetrics(
  report: ClassificationReport,
  classNames: readonly string[],
  extra: Labels,
): MetricRecord[] {
  return report.confusion.flatMap((counts, t) =>
    counts.map((value, p) =>
      row('confusion', value, {
        ...extra,
        true: classNames[t] ?? String(t),
        predicted: classNames[p] ?? String(p),
      }),
    ),
  );
}

function row(name: string, value: number, labels: Labels): MetricRecord {
  return Object.keys(labels).length > 0 ? {name, value, labels} : {name, value};
}
