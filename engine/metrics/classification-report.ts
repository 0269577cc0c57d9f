/** Every figure `evaluate` reports for one set of predictions. */
export interface ClassificationReport {
  readonly count: number;
  readonly accuracy: number;
  /** Mean F1 over the classes seen in the truth or the predictions. */
  readonly macroF1: number;
  /** Per class, in label order; 0 where the ratio is undefined. */
  readonly precision: readonly number[];
  readonly recall: readonly number[];
  readonly f1: readonly number[];
  /** Which classes occur in the truth or the predictions. */
  readonly present: readonly boolean[];
  /** `confusion[true][predicted]` counts. */
  readonly confusion: readonly (readonly number[])[];
  /** Share of images whose true class is among the two most probable. */
  readonly top2Accuracy: number;
  /** Mean probability of the predicted class. */
  readonly meanConfidence: number;
}

/** Index of the largest value; the first one on ties. */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) {
      best = i;
    }
  }
  return best;
}

/**
 * Scores class probabilities against true labels. Undefined ratios (no
 * prediction of a class, no image of it) count as 0, as scikit-learn's
 * zero_division=0; macro F1 averages over the classes present, as
 * scikit-learn does when it is given no label list.
 */
export function computeReport(
  truth: readonly number[],
  probabilities: readonly (readonly number[])[],
  classCount: number,
): ClassificationReport {
  const predicted = probabilities.map(argmax);
  const confusion = confusionMatrix(truth, predicted, classCount);
  const perClass = perClassScores(confusion);
  const count = truth.length;
  const hits = predicted.filter((p, i) => p === truth[i]).length;
  return {
    count,
    accuracy: ratio(hits, count),
    macroF1: mean(perClass.f1.filter((_, c) => perClass.present[c])),
    ...perClass,
    confusion,
    top2Accuracy: ratio(countTop2(truth, probabilities), count),
    meanConfidence: mean(probabilities.map((row) => Math.max(...row))),
  };
}

function confusionMatrix(
  truth: readonly number[],
  predicted: readonly number[],
  classCount: number,
): number[][] {
  const matrix = Array.from({length: classCount}, () =>
    new Array<number>(classCount).fill(0),
  );
  truth.forEach((label, i) => {
    const row = matrix[label];
    const column = predicted[i] ?? 0;
    if (row !== undefined) {
      row[column] = (row[column] ?? 0) + 1;
    }
  });
  return matrix;
}

function perClassScores(confusion: readonly (readonly number[])[]) {
  const classes = confusion.map((_, c) => c);
  const truePositives = classes.map((c) => confusion[c]?.[c] ?? 0);
  const actual = confusion.map((row) => sum(row));
  const predicted = classes.map((c) => sum(confusion.map((r) => r[c] ?? 0)));
  const precision = classes.map((c) =>
    ratio(truePositives[c] ?? 0, predicted[c] ?? 0),
  );
  const recall = classes.map((c) =>
    ratio(truePositives[c] ?? 0, actual[c] ?? 0),
  );
  const f1 = classes.map((c) => harmonic(precision[c] ?? 0, recall[c] ?? 0));
  const present = classes.map(
    (c) => (actual[c] ?? 0) > 0 || (predicted[c] ?? 0) > 0,
  );
  return {precision, recall, f1, present};
}

function countTop2(
  truth: readonly number[],
  probabilities: readonly (readonly number[])[],
): number {
  return truth.filter((label, i) => {
    const row = probabilities[i] ?? [];
    const own = row[label] ?? -Infinity;
    // Top-2 means at most one class is strictly more probable.
    return row.filter((p) => p > own).length <= 1;
  }).length;
}

function harmonic(a: number, b: number): number {
  return a + b > 0 ? (2 * a * b) / (a + b) : 0;
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function mean(values: readonly number[]): number {
  return values.length > 0 ? sum(values) / values.length : 0;
}
