import type {ImagesIndex} from '../../artifacts/images.js';
import {
  fgsm,
  pgd,
  type AttackTarget,
} from '../../engine/attacks/gradient-attacks.js';
import {unitPixels} from '../../engine/attacks/pixel-space.js';
import {loadTf, selectBackend} from '../../engine/backend.js';
import {loadPixelModel} from '../visualize/load-pixel-model.js';

export interface AttackRequest {
  readonly modelDir: string;
  readonly index: ImagesIndex;
  readonly pixels: Uint8Array;
  readonly method: 'fgsm' | 'pgd';
  readonly epsilon: number;
  readonly iterations: number;
  /** PGD step; by default epsilon / 4 (reaches the ball's edge in 4). */
  readonly step?: number;
  readonly batchSize: number;
  readonly progress: (done: number, total: number) => void;
}

/**
 * Attacks every image against its true label, batch by batch, and
 * returns the adversarial pixels as uint8 (rounded, clipped).
 */
export async function attackImages(
  request: AttackRequest,
): Promise<Uint8Array> {
  await selectBackend();
  const tf = await loadTf();
  const {model, meta} = await loadPixelModel(request.modelDir);
  const {index} = request;
  const [height, width, channels] = meta.inputShape;
  if (
    index.height !== height ||
    index.width !== width ||
    index.channels !== channels
  ) {
    throw new Error(
      `the model reads ${height}x${width}x${channels} images but the images are ` +
        `${index.height}x${index.width}x${index.channels}`,
    );
  }
  const target: AttackTarget = {tf, model, normalization: meta.normalization};
  try {
    return await attackAll(target, request);
  } finally {
    model.dispose();
  }
}

async function attackAll(
  target: AttackTarget,
  request: AttackRequest,
): Promise<Uint8Array> {
  const {tf} = target;
  const {index, pixels, batchSize} = request;
  const size = index.height * index.width * index.channels;
  const out = new Uint8Array(pixels.length);
  for (let start = 0; start < index.count; start += batchSize) {
    const end = Math.min(index.count, start + batchSize);
    const batch = unitPixels(tf, pixels.subarray(start * size, end * size), [
      end - start,
      index.height,
      index.width,
      index.channels,
    ]);
    const labels = tf.tensor1d(
      index.records.slice(start, end).map((record) => record.label),
      'int32',
    );
    const attacked = attackBatch(target, request, batch, labels);
    const values = await attacked.data();
    for (let i = 0; i < values.length; i++) {
      out[start * size + i] = Math.round((values[i] ?? 0) * 255);
    }
    tf.dispose([batch, labels, attacked]);
    request.progress(end, index.count);
    // Let the event loop deliver cancellation between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

function attackBatch(
  target: AttackTarget,
  request: AttackRequest,
  batch: Parameters<typeof fgsm>[1],
  labels: Parameters<typeof fgsm>[2],
) {
  if (request.method === 'fgsm') {
    return fgsm(target, batch, labels, request.epsilon);
  }
  return pgd(target, batch, labels, {
    epsilon: request.epsilon,
    iterations: request.iterations,
    step: request.step ?? request.epsilon / 4,
  });
}
