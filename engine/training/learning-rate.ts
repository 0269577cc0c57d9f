import type * as tf from '@tensorflow/tfjs';

export type Schedule = 'constant' | 'step' | 'cosine';

/**
 * The rate for `epoch` (0-based): `step` halves it every third of the run,
 * `cosine` anneals it to zero over the run.
 */
export function learningRateAt(
  base: number,
  schedule: Schedule,
  epoch: number,
  epochs: number,
): number {
  switch (schedule) {
    case 'constant':
      return base;
    case 'step': {
      const every = Math.max(1, Math.round(epochs / 3));
      return base * 0.5 ** Math.floor(epoch / every);
    }
    case 'cosine':
      return base * 0.5 * (1 + Math.cos((Math.PI * epoch) / epochs));
  }
}

/**
 * Changes an optimizer's rate between epochs. SGD and momentum cache it
 * in a tensor behind setLearningRate; Adam and RMSProp read the field.
 */
export function setLearningRate(optimizer: tf.Optimizer, rate: number) {
  const target = optimizer as unknown as {
    learningRate: number;
    setLearningRate?: (rate: number) => void;
  };
  if (typeof target.setLearningRate === 'function') {
    target.setLearningRate(rate);
  } else {
    target.learningRate = rate;
  }
}
