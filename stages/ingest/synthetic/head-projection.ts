// A head is about 1.2 times deeper (front to back) than it is wide.
const DEPTH = 1.2;

/**
 * Places facial features on a turned head: a feature at horizontal angle
 * `u` (radians from the face centre) lands at `cx + rx sin(u + yaw)` and
 * is visible while `cos(u + yaw) > 0`. This is what makes profiles hide
 * one eye and squeeze the mouth, like a real turned head.
 */
export class HeadProjection {
  constructor(
    readonly cx: number,
    readonly cy: number,
    readonly rx: number,
    readonly ry: number,
    readonly yaw: number,
  ) {}

  /** x of a feature at angle `u`, `depth` head radii from the axis. */
  x(u: number, depth = 1): number {
    const a = this.visible(u);
    const lateral = this.rx * Math.sin(a) * Math.cos(this.yaw);
    const forward = DEPTH * this.rx * Math.cos(a) * Math.sin(this.yaw);
    return this.cx + depth * (lateral + forward);
  }

  /** y of a feature `v` head half-heights below the centre. */
  y(v: number): number {
    return this.cy + this.ry * v;
  }

  /** How much a feature faces the camera: 1 head-on, <= 0 hidden. */
  facing(u: number): number {
    return Math.cos(u + this.yaw);
  }

  /** `u` clamped to the visible half of the head. */
  visible(u: number): number {
    const limit = Math.PI / 2 - 0.04;
    return Math.min(limit - this.yaw, Math.max(-limit - this.yaw, u));
  }

  /** Half-width of the silhouette of a head deeper than it is wide. */
  halfWidth(): number {
    const side = Math.cos(this.yaw);
    const depth = DEPTH * Math.sin(this.yaw);
    return this.rx * Math.hypot(side, depth);
  }

  /**
   * The head silhouette as a closed path: narrower at the jaw, the chin
   * lowered by `drop` (an open mouth), the back of the head widened and
   * the chin pushed forward as it turns.
   */
  outline(jaw: number, drop: number): string {
    const turn = Math.sin(this.yaw);
    const points: string[] = [];
    for (let k = 0; k < 48; k++) {
      const t = (k / 48) * 2 * Math.PI;
      const lower = Math.max(0, Math.sin(t));
      const back = Math.cos(t) * turn < 0 ? 1 + 0.1 * Math.abs(turn) : 1;
      const narrow = 1 - (1 - jaw) * lower ** 2;
      const x =
        this.halfWidth() * Math.cos(t) * back * narrow +
        turn * 0.1 * this.rx * lower;
      const y = this.ry * Math.sin(t) + drop * this.ry * lower ** 3;
      points.push(`${fmt(this.cx + x)},${fmt(this.cy + y)}`);
    }
    return `M${points.join('L')}Z`;
  }
}

/** A coordinate with one decimal, enough at any render size used here. */
export function fmt(value: number): string {
  return value.toFixed(1);
}

export type Rgb = readonly [number, number, number];

/** `rgb(...)` of a colour scaled by `k` (shade below 1, light above). */
export function rgb(colour: Rgb, k = 1): string {
  const [r, g, b] = colour.map((c) => Math.round(Math.min(255, c * k)));
  return `rgb(${r ?? 0},${g ?? 0},${b ?? 0})`;
}
