import {readImagePixels, readImagesIndex} from '../../artifacts/read-images.js';
import {loadTf, selectBackend} from '../../engine/backend.js';
import type {AttackTarget} from '../../engine/attacks/gradient-attacks.js';
import {loadPixelModel} from './load-pixel-model.js';
import {pickFaces} from './pick-faces.js';
import type {SaliencyFaces} from './saliency/saliency-figure.js';

export interface FaceChoice {
  readonly perClass: number;
  readonly select?: Readonly<Record<string, string>>;
  /** Keep only the first `count` picked faces. */
  readonly count?: number;
}

/** The model to explain or attack and the faces to show it. */
export async function loadGradientSetup(
  modelDir: string,
  imagesDir: string,
  choice: FaceChoice,
): Promise<{target: AttackTarget; faces: SaliencyFaces}> {
  await selectBackend();
  const tf = await loadTf();
  const {model, meta} = await loadPixelModel(modelDir);
  const index = await readImagesIndex(imagesDir);
  const [height, width, channels] = meta.inputShape;
  if (
    index.height !== height ||
    index.width !== width ||
    index.channels !== channels
  ) {
    throw new Error(
      `the model reads ${height}x${width}x${channels} images but the images are ` +
        `${index.height}x${index.width}x${index.channels}; connect the images it was trained on`,
    );
  }
  const positions = pickFaces(index, choice.perClass, choice.select).slice(
    0,
    choice.count,
  );
  const pixels = await readImagePixels(imagesDir, positions, index);
  return {
    target: {tf, model, normalization: meta.normalization},
    faces: {index, positions, pixels},
  };
}
