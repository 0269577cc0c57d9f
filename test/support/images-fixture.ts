import {writeImages} from '../../artifacts/images-writer.js';
import type {ImageRecord} from '../../artifacts/images.js';
import {SeededRandom} from '../../runner/util/seeded-random.js';

export const FIXTURE_LABELS = ['angry', 'happy', 'sad'];

/**
 * A small images artifact: `perClass` images per class, each a blob whose
 * position depends on the class, plus noise; angle alternates S / HL.
 */
export async function writeImagesFixture(
  dir: string,
  size: number,
  perClass: number,
): Promise<void> {
  const random = new SeededRandom(9);
  const records: ImageRecord[] = [];
  const pixels = new Uint8Array(FIXTURE_LABELS.length * perClass * size * size);
  let n = 0;
  FIXTURE_LABELS.forEach((_, label) => {
    for (let k = 0; k < perClass; k++, n++) {
      records.push({
        label,
        identity: `p${k}`,
        attributes: {
          angle: k % 2 === 0 ? 'S' : 'HL',
          gender: k % 3 === 0 ? 'F' : 'M',
        },
        source: `fixture/${label}/${k}.png`,
      });
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const centre = ((label + 1) * size) / 4;
          const blob = Math.exp(
            -((x - centre) ** 2 + (y - size / 2) ** 2) / (size / 2),
          );
          const value = 40 + 180 * blob + 20 * random.normal();
          pixels[n * size * size + y * size + x] = Math.max(
            0,
            Math.min(255, value),
          );
        }
      }
    }
  });
  await writeImages(
    dir,
    {
      height: size,
      width: size,
      channels: 1,
      labels: FIXTURE_LABELS,
      normalization: 'symmetric',
      records,
    },
    pixels,
  );
}
