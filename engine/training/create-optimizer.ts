import * as tf from '@tensorflow/tfjs';

export type OptimizerName = 'adam' | 'sgd' | 'rmsprop' | 'momentum';

/** A fresh optimizer; momentum is SGD with Nesterov-free momentum 0.9. */
export function createOptimizer(
  name: OptimizerName,
  rate: number,
): tf.Optimizer {
  switch (name) {
    case 'adam':
      return tf.train.adam(rate);
    case 'sgd':
      return tf.train.sgd(rate);
    case 'rmsprop':
      return tf.train.rmsprop(rate);
    case 'momentum':
      return tf.train.momentum(rate, 0.9);
  }
}
