import {Worker} from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import {
  batchGradients,
  type BatchGradients,
  type GradientRequest,
} from '../training/batch-gradients.js';
import type {GradientSource} from '../training/fit.js';
import type {LabeledSet} from '../training/labeled-set.js';
import type {FromReplica, SharedSet, ToReplica} from './messages.js';

type Reply = Extract<FromReplica, {kind: 'gradients'}>;

const sizeOf = (shape: readonly (number | null)[]) =>
  shape.reduce<number>((a, b) => a * (b ?? 1), 1);

function sharedFloats(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * 4));
}

/**
 * Data-parallel gradients over `replicas` threads, this one included:
 * Node gives each thread one WebAssembly instance, so this is how a wasm
 * training run uses more than one core. Each replica takes an equal share
 * of every batch; the shares' gradients add up to the batch's (each is
 * scaled by the whole batch size), and after each optimizer step this
 * thread sends every replica its weights.
 */
export class DataParallelGradients implements GradientSource {
  readonly #model: tf.LayersModel;
  readonly #set: LabeledSet;
  readonly #workers: ReplicaWorker[];
  readonly #weights: Float32Array;

  private constructor(
    model: tf.LayersModel,
    set: LabeledSet,
    workers: ReplicaWorker[],
  ) {
    this.#model = model;
    this.#set = set;
    this.#workers = workers;
    this.#weights = sharedFloats(
      model.weights.reduce((sum, w) => sum + sizeOf(w.shape), 0),
    );
  }

  /** Starts `replicas - 1` workers holding copies of `model`. */
  static async start(
    model: tf.LayersModel,
    set: LabeledSet,
    options: {replicas: number; backend: string},
  ): Promise<DataParallelGradients> {
    const shared = shareSet(set);
    const topology = JSON.stringify(model.toJSON(undefined, false));
    const gradSize = model.trainableWeights.reduce(
      (sum, w) => sum + sizeOf(w.shape),
      0,
    );
    const workers = Array.from(
      {length: options.replicas - 1},
      () => new ReplicaWorker(sharedFloats(gradSize)),
    );
    const parallel = new DataParallelGradients(model, shared, workers);
    const weights = parallel.#writeWeights();
    try {
      await Promise.all(
        workers.map((w) =>
          w.init({
            kind: 'init',
            backend: options.backend,
            topology,
            set: shared,
            weights,
            grads: w.grads,
          }),
        ),
      );
    } catch (error) {
      await parallel.close();
      throw error;
    }
    return parallel;
  }

  async gradients(request: GradientRequest): Promise<BatchGradients> {
    const shares = splitIndices(request.indices, this.#workers.length + 1);
    const remote = this.#workers.flatMap((worker, i) => {
      const indices = shares[i + 1];
      if (indices === undefined || indices.length === 0) return [];
      const asked = worker.gradients({...request, kind: 'gradients', indices});
      return [asked.then((reply) => ({reply, grads: worker.grads}))];
    });
    const local = batchGradients(this.#model, this.#set, {
      ...request,
      indices: shares[0] ?? new Int32Array(0),
    });
    return this.#combine(local, await Promise.all(remote));
  }

  /** Replicas read the new weights before their next share. */
  synchronize(): Promise<void> {
    if (this.#workers.length === 0) return Promise.resolve();
    this.#writeWeights();
    for (const worker of this.#workers) worker.post({kind: 'weights'});
    return Promise.resolve();
  }

  // Safe without locks: a replica reads the buffer while handling its
  // `weights` message, which precedes the gradients this thread awaits
  // before it writes again.
  #writeWeights(): Float32Array {
    let at = 0;
    for (const weight of this.#model.weights) {
      const values = weight.read().dataSync() as Float32Array;
      this.#weights.set(values, at);
      at += values.length;
    }
    return this.#weights;
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  #combine(
    local: BatchGradients,
    answers: {reply: Reply; grads: Float32Array}[],
  ): BatchGradients {
    // A batch too small to share (its last one may hold a single example)
    // is all local; summing nothing would return, then free, `own` itself.
    if (answers.length === 0) return local;
    const grads = {...local.grads};
    let at = 0;
    for (const weight of this.#model.trainableWeights) {
      const own = grads[weight.name];
      const size = sizeOf(weight.shape);
      at += size;
      if (own === undefined) continue;
      const from = at - size;
      grads[weight.name] = tf.tidy(() =>
        answers.reduce(
          (sum, {grads: shared}) =>
            sum.add(tf.tensor(shared.subarray(from, at), own.shape)),
          own,
        ),
      );
      own.dispose();
    }
    const replies = answers.map((answer) => answer.reply);
    return {
      grads,
      lossSum: replies.reduce((s, r) => s + r.lossSum, local.lossSum),
      correct: replies.reduce((s, r) => s + r.correct, local.correct),
      count: replies.reduce((s, r) => s + r.count, local.count),
    };
  }
}

/** Near-equal contiguous shares of a batch's indices. */
export function splitIndices(indices: Int32Array, parts: number): Int32Array[] {
  const size = Math.ceil(indices.length / parts);
  return Array.from({length: parts}, (_, i) =>
    indices.subarray(i * size, Math.min(indices.length, (i + 1) * size)),
  );
}

function shareSet(set: LabeledSet): SharedSet & LabeledSet {
  const x = new Float32Array(new SharedArrayBuffer(set.x.byteLength));
  x.set(set.x);
  const labels = new Int32Array(new SharedArrayBuffer(set.labels.byteLength));
  labels.set(set.labels);
  return {x, labels, sampleShape: [...set.sampleShape], classes: set.classes};
}

/** One worker thread and the replies it owes, answered in order. */
class ReplicaWorker {
  /** Where this replica writes its gradients (shared memory). */
  readonly grads: Float32Array;
  readonly #worker = new Worker(
    new URL('./replica-worker.js', import.meta.url),
  );
  readonly #waiting: {resolve(m: FromReplica): void; reject(e: Error): void}[] =
    [];

  constructor(grads: Float32Array) {
    this.grads = grads;
    this.#worker.on('message', (message: FromReplica) => {
      const waiter = this.#waiting.shift();
      if (message.kind === 'error') {
        waiter?.reject(new Error(`Training worker failed: ${message.message}`));
      } else {
        waiter?.resolve(message);
      }
    });
    this.#worker.on('error', (error) => {
      for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
    });
  }

  post(message: ToReplica): void {
    this.#worker.postMessage(message);
  }

  async init(message: ToReplica): Promise<void> {
    await this.#ask(message);
  }

  async gradients(message: ToReplica): Promise<Reply> {
    const reply = await this.#ask(message);
    if (reply.kind !== 'gradients') {
      throw new Error(`Internal error: worker sent ${reply.kind}.`);
    }
    return reply;
  }

  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }

  #ask(message: ToReplica): Promise<FromReplica> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({resolve, reject});
      this.#worker.postMessage(message);
    });
  }
}
