import type {FaceActions} from './face-actions.js';
import {rgb} from './head-projection.js';
import type {HeadProjection} from './head-projection.js';
import type {Identity} from './identity.js';
import {el, path} from './svg-element.js';

const MOUTH_LEVEL = 0.47;
// Lips sit a little inside the silhouette, which narrows at the jaw.
const LIP_DEPTH = 0.94;

/** Where the lips sit for given actions, in pixels. */
interface MouthShape {
  readonly left: number;
  readonly right: number;
  readonly centre: number;
  /** y of the corners and of the mouth line's middle. */
  readonly corner: number;
  readonly line: number;
  readonly open: number;
  readonly upperLip: number;
  readonly lowerLip: number;
  readonly snarl: number;
}

function shapeMouth(
  head: HeadProjection,
  person: Identity,
  actions: FaceActions,
): MouthShape {
  const smile = Math.max(0, actions.lipCorner);
  const width =
    0.4 * person.mouthWidth * (1 + 0.22 * actions.lipStretch + 0.12 * smile);
  const press = Math.min(1, Math.max(0, actions.lipPress));
  const line = head.y(MOUTH_LEVEL);
  return {
    left: head.x(-width, LIP_DEPTH),
    right: head.x(width, LIP_DEPTH),
    centre: head.x(0, LIP_DEPTH),
    corner: line - head.ry * (0.1 * actions.lipCorner),
    line,
    open: head.ry * 0.24 * Math.max(0, actions.jawDrop),
    upperLip: head.ry * 0.05 * person.lipFullness * (1 - 0.75 * press),
    lowerLip: head.ry * 0.07 * person.lipFullness * (1 - 0.7 * press),
    snarl: head.ry * 0.06 * Math.max(0, actions.upperLipRaise),
  };
}

/** A quadratic from corner to corner passing through `y` at the centre. */
function arc(m: MouthShape, y: number, from: 'left' | 'right'): string {
  const control = 2 * y - m.corner;
  const [start, end] = from === 'left' ? [m.left, m.right] : [m.right, m.left];
  return path('M', start, m.corner, 'Q', m.centre, control, end, m.corner);
}

/** Joins two arcs into one closed shape (the second drops its `M`). */
function band(first: string, second: string): string {
  return `${first} ${second.replace(/^M/, 'L')} Z`;
}

/** Lips, the open mouth with teeth, and the mouth line, as SVG. */
export function drawMouth(
  head: HeadProjection,
  person: Identity,
  actions: FaceActions,
): string {
  const m = shapeMouth(head, person, actions);
  const innerTop = m.line - m.snarl;
  const innerBottom = m.line + m.open;
  const upperInner = arc(m, innerTop, 'left');
  const parts = [
    el('path', {
      d: band(arc(m, innerTop - m.upperLip, 'left'), arc(m, innerTop, 'right')),
      fill: rgb(person.lips),
    }),
    el('path', {
      d: band(
        arc(m, innerBottom, 'left'),
        arc(m, innerBottom + m.lowerLip, 'right'),
      ),
      fill: rgb(person.lips, 1.08),
    }),
  ];
  if (m.open + m.snarl > 3) parts.push(drawOpening(m, innerTop, innerBottom));
  parts.push(
    el('path', {
      d: upperInner,
      fill: 'none',
      stroke: rgb(person.lips, 0.5),
      'stroke-width': 4,
    }),
  );
  return parts.join('');
}

function drawOpening(m: MouthShape, top: number, bottom: number): string {
  const cavity = band(arc(m, top, 'left'), arc(m, bottom, 'right'));
  const teeth = Math.min(bottom - top, 0.35 * (m.right - m.left) + 8);
  return [
    el('clipPath', {id: 'mouth'}, el('path', {d: cavity})),
    el('path', {d: cavity, fill: 'rgb(70,22,28)'}),
    el('rect', {
      x: Math.min(m.left, m.right),
      y: Math.min(top, m.corner) - 4,
      width: Math.abs(m.right - m.left),
      height: Math.max(0, teeth * 0.45 + 4),
      fill: 'rgb(238,234,222)',
      'clip-path': 'url(#mouth)',
    }),
  ].join('');
}

/** Nose bridge, tip (sticking out when turned), nostrils and folds. */
export function drawNose(
  head: HeadProjection,
  person: Identity,
  actions: FaceActions,
): string {
  const wrinkle = Math.max(0, actions.noseWrinkle);
  const tipY = head.y(0.2 * person.noseLength);
  const rootY = head.y(-0.02);
  const out = 1 + 0.28 * person.noseLength;
  const shade = rgb(person.skin, 0.72);
  const profile = path(
    'M',
    head.x(0, 1.0),
    rootY,
    'L',
    head.x(0, out),
    tipY,
    'L',
    head.x(0, 1.02),
    tipY + head.ry * 0.06,
    'Z',
  );
  const parts = [
    el('path', {
      d: profile,
      fill: rgb(person.skin, 0.97),
      stroke: shade,
      'stroke-width': 2.5,
      'stroke-linejoin': 'round',
    }),
  ];
  for (const side of [-1, 1]) {
    const u = side * 0.09;
    if (head.facing(u) < 0.15) continue;
    parts.push(
      el('ellipse', {
        cx: head.x(u, 1.03),
        cy: tipY + head.ry * (0.035 - 0.02 * wrinkle),
        rx: head.rx * 0.04 * (1 + 0.4 * wrinkle) * head.facing(u),
        ry: head.ry * 0.018,
        fill: rgb(person.skin, 0.42),
      }),
    );
  }
  parts.push(drawFolds(head, person, actions, tipY));
  if (wrinkle > 0.2) parts.push(drawWrinkles(head, person, wrinkle));
  return parts.join('');
}

function drawFolds(
  head: HeadProjection,
  person: Identity,
  actions: FaceActions,
  tipY: number,
): string {
  const depth = Math.max(actions.cheekRaise, actions.upperLipRaise, 0.15);
  const mouth = head.y(MOUTH_LEVEL);
  return [-1, 1]
    .filter((side) => head.facing(side * 0.35) > 0.1)
    .map((side) =>
      el('path', {
        d: path(
          'M',
          head.x(side * 0.15),
          tipY,
          'Q',
          head.x(side * 0.42),
          mouth - head.ry * 0.08,
          head.x(side * 0.38 * person.mouthWidth),
          mouth + head.ry * 0.06,
        ),
        fill: 'none',
        stroke: rgb(person.skin, 0.6),
        'stroke-width': 3,
        opacity: Math.min(0.8, depth * 0.7),
      }),
    )
    .join('');
}

function drawWrinkles(
  head: HeadProjection,
  person: Identity,
  wrinkle: number,
): string {
  if (head.facing(0) < 0.3) return '';
  const lines: string[] = [];
  for (let k = 0; k < 3; k++) {
    const y = head.y(0.0 + 0.035 * k);
    lines.push(
      el('path', {
        d: path('M', head.x(-0.08), y, 'Q', head.x(0), y - 5, head.x(0.08), y),
        fill: 'none',
        stroke: rgb(person.skin, 0.55),
        'stroke-width': 2.5,
        opacity: Math.min(0.9, wrinkle * 0.7),
      }),
    );
  }
  return lines.join('');
}
