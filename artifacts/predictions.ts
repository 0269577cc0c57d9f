/**
 * `predictions` artifact layout (a folder): `predictions.json`, a
 * {@link PredictionsFile}, one row per evaluated image in record order.
 */
export interface PredictionsFile {
  readonly format: 'predictions/v1';
  readonly labels: readonly string[];
  /** True label index per image. */
  readonly truth: readonly number[];
  /** Class probabilities per image, `labels.length` each. */
  readonly probabilities: readonly (readonly number[])[];
  readonly attributes: readonly Readonly<Record<string, string>>[];
}
