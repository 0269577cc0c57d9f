import * as tf from '@tensorflow/tfjs';
import {
  batchGradients,
  type BatchGradients,
  type GradientRequest,
} from './batch-gradients.js';
import {createOptimizer, type OptimizerName} from './create-optimizer.js';
import type {LabeledSet} from './labeled-set.js';
import {
  learningRateAt,
  setLearningRate,
  type Schedule,
} from './learning-rate.js';
import {scoreSet} from './score-set.js';
import {createRandom, shuffledIndices} from './seeded-random.js';

export interface FitOptions {
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  readonly schedule: Schedule;
  readonly batchSize: number;
  readonly epochs: number;
  /** Epochs without a better validation loss before stopping; 0: never. */
  readonly patience: number;
  /** Ends with the weights of the epoch with the best validation loss. */
  readonly restoreBest: boolean;
  readonly classWeights?: readonly number[];
  /** Seeds the shuffle of every epoch. */
  readonly seed: number;
  /** Variables trained at their own rate (fine-tuned backbone blocks). */
  readonly slow?: {variables: ReadonlySet<string>; learningRate: number};
  readonly signal?: AbortSignal;
  onEpoch?(report: EpochReport): void;
  onBatch?(done: number, total: number): void;
}

export interface EpochReport {
  /** 1-based. */
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  readonly learningRate: number;
}

export interface FitResult {
  readonly history: EpochReport[];
  /** 1-based epoch whose weights the model ends with. */
  readonly bestEpoch: number;
  readonly stoppedEarly: boolean;
}

/**
 * Where a batch's gradients come from: this thread, or replicas in worker
 * threads that each take part of the batch.
 */
export interface GradientSource {
  gradients(request: GradientRequest): Promise<BatchGradients>;
  /** Runs after each optimizer step so replicas take the new weights. */
  synchronize(): Promise<void>;
}

/** A source that computes every gradient in this thread. */
export function localGradients(
  model: tf.LayersModel,
  set: LabeledSet,
): GradientSource {
  return {
    gradients: (request) =>
      Promise.resolve(batchGradients(model, set, request)),
    synchronize: () => Promise.resolve(),
  };
}

/**
 * Trains `model` in place, with early stopping on validation loss and
 * best-weights restore. Leaves no tensors behind but the model's own.
 */
export async function fit(
  model: tf.LayersModel,
  data: {train: LabeledSet; val?: LabeledSet},
  options: FitOptions,
  source: GradientSource = localGradients(model, data.train),
): Promise<FitResult> {
  const trainer = new Trainer(model, options, source);
  try {
    return await trainer.run(data);
  } finally {
    trainer.dispose();
  }
}

class Trainer {
  readonly #model: tf.LayersModel;
  readonly #options: FitOptions;
  readonly #source: GradientSource;
  readonly #optimizer: tf.Optimizer;
  readonly #slowOptimizer: tf.Optimizer | undefined;
  readonly #random: () => number;
  #best: {loss: number; epoch: number; weights?: tf.Tensor[]} = {
    loss: Infinity,
    epoch: 0,
  };

  constructor(
    model: tf.LayersModel,
    options: FitOptions,
    source: GradientSource,
  ) {
    this.#model = model;
    this.#options = options;
    this.#source = source;
    this.#optimizer = createOptimizer(options.optimizer, options.learningRate);
    this.#slowOptimizer =
      options.slow === undefined
        ? undefined
        : createOptimizer(options.optimizer, options.slow.learningRate);
    this.#random = createRandom(options.seed);
  }

  async run(data: {train: LabeledSet; val?: LabeledSet}): Promise<FitResult> {
    const history: EpochReport[] = [];
    const {epochs, patience} = this.#options;
    for (let epoch = 0; epoch < epochs; epoch++) {
      const report = await this.#epoch(data, epoch);
      history.push(report);
      this.#options.onEpoch?.(report);
      this.#track(report);
      if (patience > 0 && report.epoch - this.#best.epoch >= patience) {
        return this.#finish(history, true);
      }
    }
    return this.#finish(history, false);
  }

  dispose(): void {
    this.#optimizer.dispose();
    this.#slowOptimizer?.dispose();
    tf.dispose(this.#best.weights ?? []);
    this.#best = {loss: Infinity, epoch: 0};
  }

  async #epoch(
    data: {train: LabeledSet; val?: LabeledSet},
    epoch: number,
  ): Promise<EpochReport> {
    const rate = this.#setRates(epoch);
    const {batchSize} = this.#options;
    const order = shuffledIndices(data.train.labels.length, this.#random);
    const batches = Math.ceil(order.length / batchSize);
    let lossSum = 0;
    let correct = 0;
    for (let b = 0; b < batches; b++) {
      this.#options.signal?.throwIfAborted();
      const indices = order.subarray(b * batchSize, (b + 1) * batchSize);
      const scores = await this.#step(indices);
      lossSum += scores.lossSum;
      correct += scores.correct;
      this.#options.onBatch?.(
        epoch * batches + b + 1,
        this.#options.epochs * batches,
      );
    }
    const count = order.length;
    const val =
      data.val === undefined
        ? undefined
        : scoreSet(this.#model, data.val, batchSize);
    return {
      epoch: epoch + 1,
      loss: lossSum / count,
      accuracy: correct / count,
      learningRate: rate,
      ...(val && {valLoss: val.loss, valAccuracy: val.accuracy}),
    };
  }

  async #step(indices: Int32Array): Promise<BatchGradients> {
    const result = await this.#source.gradients({
      indices,
      batchSize: indices.length,
      ...(this.#options.classWeights && {
        classWeights: this.#options.classWeights,
      }),
    });
    this.#apply(result.grads);
    tf.dispose(Object.values(result.grads));
    await this.#source.synchronize();
    return result;
  }

  #apply(grads: tf.NamedTensorMap): void {
    const slow = this.#options.slow?.variables;
    if (slow === undefined || this.#slowOptimizer === undefined) {
      this.#optimizer.applyGradients(grads);
      return;
    }
    const pick = (wantSlow: boolean) =>
      Object.fromEntries(
        Object.entries(grads).filter(([name]) => slow.has(name) === wantSlow),
      );
    this.#optimizer.applyGradients(pick(false));
    this.#slowOptimizer.applyGradients(pick(true));
  }

  #setRates(epoch: number): number {
    const {schedule, epochs, learningRate} = this.#options;
    const rate = learningRateAt(learningRate, schedule, epoch, epochs);
    setLearningRate(this.#optimizer, rate);
    const slow = this.#options.slow;
    if (slow !== undefined && this.#slowOptimizer !== undefined) {
      const scaled = learningRateAt(slow.learningRate, schedule, epoch, epochs);
      setLearningRate(this.#slowOptimizer, scaled);
    }
    return rate;
  }

  /** Keeps the best epoch by validation loss (training loss without one). */
  #track(report: EpochReport): void {
    const loss = report.valLoss ?? report.loss;
    if (!(loss < this.#best.loss)) return;
    tf.dispose(this.#best.weights ?? []);
    this.#best = {
      loss,
      epoch: report.epoch,
      ...(this.#options.restoreBest && {
        weights: this.#model.getWeights().map((w) => tf.keep(w.clone())),
      }),
    };
  }

  #finish(history: EpochReport[], stoppedEarly: boolean): FitResult {
    const last = history.length;
    const best = this.#best;
    if (best.weights !== undefined && best.epoch !== last) {
      this.#model.setWeights(best.weights);
    }
    const bestEpoch = best.weights !== undefined ? best.epoch : last;
    return {history, bestEpoch, stoppedEarly};
  }
}
