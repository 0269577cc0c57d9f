import {parentPort} from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import {selectBackend} from '../backend.js';
import {batchGradients} from '../training/batch-gradients.js';
import type {LabeledSet} from '../training/labeled-set.js';
import type {FromReplica, InitMessage, ToReplica} from './messages.js';

// A worker thread that holds a replica of the model and computes the
// gradients of its share of each batch. Messages are handled one at a
// time, in order, so new weights always land before the next batch.

interface Replica {
  readonly model: tf.LayersModel;
  readonly set: LabeledSet;
}

let replica: Replica | undefined;
let queue = Promise.resolve();

parentPort?.on('message', (message: ToReplica) => {
  queue = queue
    .then(() => handle(message))
    .catch((error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      send({kind: 'error', message: text});
    });
});

function send(message: FromReplica, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

async function handle(message: ToReplica): Promise<void> {
  if (message.kind === 'init') {
    replica = await createReplica(message);
    send({kind: 'ready'});
    return;
  }
  if (replica === undefined) throw new Error('Internal error: no replica.');
  if (message.kind === 'weights') {
    setWeights(replica, message.weights);
    return;
  }
  const {model, set} = replica;
  const result = batchGradients(model, set, message);
  const grads = model.trainableWeights.map((weight) => {
    const grad = result.grads[weight.name];
    if (grad === undefined) throw new Error(`No gradient for ${weight.name}.`);
    return grad.dataSync() as Float32Array;
  });
  tf.dispose(Object.values(result.grads));
  const {lossSum, correct, count} = result;
  send(
    {kind: 'gradients', grads, lossSum, correct, count},
    grads.map((g) => g.buffer as ArrayBuffer),
  );
}

async function createReplica(message: InitMessage): Promise<Replica> {
  await selectBackend(message.backend);
  const model = await tf.models.modelFromJSON({
    modelTopology: JSON.parse(message.topology) as tf.serialization.ConfigDict,
  });
  const made = {model, set: {...message.set}};
  setWeights(made, message.weights);
  return made;
}

function setWeights(target: Replica, values: Float32Array[]): void {
  const {model} = target;
  const tensors = model.weights.map((weight, i) =>
    tf.tensor(values[i] ?? new Float32Array(0), weight.shape as number[]),
  );
  model.setWeights(tensors);
  tf.dispose(tensors);
}
