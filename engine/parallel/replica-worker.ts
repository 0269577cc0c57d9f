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
  readonly weights: Float32Array;
  readonly grads: Float32Array;
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

function send(message: FromReplica): void {
  parentPort?.postMessage(message);
}

async function handle(message: ToReplica): Promise<void> {
  if (message.kind === 'init') {
    replica = await createReplica(message);
    send({kind: 'ready'});
    return;
  }
  if (replica === undefined) throw new Error('Internal error: no replica.');
  if (message.kind === 'weights') {
    setWeights(replica);
    return;
  }
  const {model, set} = replica;
  const result = batchGradients(model, set, message);
  let at = 0;
  for (const weight of model.trainableWeights) {
    const grad = result.grads[weight.name];
    if (grad === undefined) throw new Error(`No gradient for ${weight.name}.`);
    const values = grad.dataSync() as Float32Array;
    replica.grads.set(values, at);
    at += values.length;
  }
  tf.dispose(Object.values(result.grads));
  const {lossSum, correct, count} = result;
  send({kind: 'gradients', lossSum, correct, count});
}

async function createReplica(message: InitMessage): Promise<Replica> {
  await selectBackend(message.backend);
  const model = await tf.models.modelFromJSON({
    modelTopology: JSON.parse(message.topology) as tf.serialization.ConfigDict,
  });
  const {weights, grads} = message;
  const made = {model, set: {...message.set}, weights, grads};
  setWeights(made);
  return made;
}

function setWeights({model, weights}: Replica): void {
  let at = 0;
  const tensors = model.weights.map((weight) => {
    const shape = weight.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    at += size;
    return tf.tensor(weights.subarray(at - size, at), shape);
  });
  model.setWeights(tensors);
  tf.dispose(tensors);
}
