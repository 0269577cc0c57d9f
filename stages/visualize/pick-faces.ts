import type {ImagesIndex} from '../../artifacts/images.js';

/**
 * The first `perClass` images of each class whose attributes match
 * `select` (e.g. `{angle: 'S'}` for faces looking straight on), in class
 * order. Deterministic: the artifact's order decides.
 */
export function pickFaces(
  index: ImagesIndex,
  perClass: number,
  select: Readonly<Record<string, string>> = {},
): number[] {
  const wanted = Object.entries(select);
  const picked: number[] = [];
  index.labels.forEach((_, label) => {
    let taken = 0;
    index.records.forEach((record, position) => {
      if (
        taken < perClass &&
        record.label === label &&
        wanted.every(([key, value]) => record.attributes[key] === value)
      ) {
        picked.push(position);
        taken++;
      }
    });
  });
  if (picked.length === 0) {
    throw new Error(
      `visualize: no image matches select ${JSON.stringify(select)}; ` +
        'loosen or remove `select`',
    );
  }
  return picked;
}
