import type {PredictionsFile} from '../../../artifacts/predictions.js';

/**
 * Six images of three classes, worked out by hand: images 0, 2, 4 (gender
 * F) are right, 1, 3, 5 (gender M) are wrong; image 5's true class is only
 * third most probable.
 */
export const HAND_MADE: PredictionsFile = {
  format: 'predictions/v1',
  labels: ['a', 'b', 'c'],
  truth: [0, 0, 1, 1, 2, 2],
  probabilities: [
    [0.7, 0.2, 0.1],
    [0.3, 0.6, 0.1],
    [0.1, 0.8, 0.1],
    [0.5, 0.4, 0.1],
    [0.2, 0.2, 0.6],
    [0.6, 0.3, 0.1],
  ],
  attributes: [
    {gender: 'F', angle: 'S'},
    {gender: 'M', angle: 'S'},
    {gender: 'F', angle: 'S'},
    {gender: 'M', angle: 'HL'},
    {gender: 'F'},
    {gender: 'M', angle: 'HL'},
  ],
};

/** Asserts two numbers agree to rounding error. */
export function assertClose(actual: number, expected: number): void {
  if (Math.abs(actual - expected) > 1e-12) {
    throw new Error(`expected ${expected}, got ${actual}`);
  }
}

/** Asserts two lists of numbers agree to rounding error. */
export function assertAllClose(
  actual: readonly number[],
  expected: readonly number[],
): void {
  if (actual.length !== expected.length) {
    throw new Error(`expected ${expected.length} values, got ${actual.length}`);
  }
  actual.forEach((value, i) => {
    assertClose(value, expected[i] ?? NaN);
  });
}
