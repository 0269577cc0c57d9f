// A perceptually ordered dark-to-bright map (after matplotlib's inferno).
const STOPS: readonly (readonly [number, number, number])[] = [
  [0, 0, 4],
  [87, 16, 110],
  [188, 55, 84],
  [249, 142, 9],
  [252, 255, 164],
];

/** A value on [0, 1] as an RGB colour of the heat map. */
export function heatColour(value: number): [number, number, number] {
  const clamped = Math.min(1, Math.max(0, value));
  const position = clamped * (STOPS.length - 1);
  const index = Math.min(STOPS.length - 2, Math.floor(position));
  const t = position - index;
  const a = STOPS[index] ?? [0, 0, 0];
  const b = STOPS[index + 1] ?? a;
  return [0, 1, 2].map((c) =>
    Math.round((a[c] ?? 0) + t * ((b[c] ?? 0) - (a[c] ?? 0))),
  ) as [number, number, number];
}

/** Values on [0, 1] per pixel as an RGB heat map. */
export function heatImage(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 3);
  values.forEach((value, i) => {
    out.set(heatColour(value), i * 3);
  });
  return out;
}

/**
 * The face in grey with the heat map laid over it, more opaque where the
 * value is high, so the face stays readable under weak evidence.
 */
export function overlayHeat(
  face: Uint8Array,
  channels: 1 | 3,
  values: Float32Array,
): Uint8Array {
  const out = new Uint8Array(values.length * 3);
  values.forEach((value, i) => {
    const grey = channels === 1 ? (face[i] ?? 0) : greyOf(face, i * 3);
    const alpha = 0.25 + 0.6 * Math.min(1, Math.max(0, value));
    const colour = heatColour(value);
    for (let c = 0; c < 3; c++) {
      out[i * 3 + c] = Math.round(
        (1 - alpha) * grey + alpha * (colour[c] ?? 0),
      );
    }
  });
  return out;
}

function greyOf(face: Uint8Array, at: number): number {
  return (
    0.299 * (face[at] ?? 0) +
    0.587 * (face[at + 1] ?? 0) +
    0.114 * (face[at + 2] ?? 0)
  );
}
