import type {FaceActions} from './face-actions.js';
import {rgb} from './head-projection.js';
import type {HeadProjection} from './head-projection.js';
import type {Identity} from './identity.js';
import {el, path} from './svg-element.js';

const EYE_LEVEL = -0.08;
const BROW_LEVEL = EYE_LEVEL - 0.17;
const LID = 'rgb(35,25,25)';

/** Both eyes with lids, both brows and frown lines, as SVG. */
export function drawEyes(
  head: HeadProjection,
  person: Identity,
  actions: FaceActions,
): string {
  const parts: string[] = [];
  for (const side of [-1, 1]) {
    parts.push(drawEye(head, person, actions, side));
    parts.push(drawBrow(head, person, actions, side));
  }
  parts.push(drawFrown(head, person, actions));
  return parts.join('');
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Upper and lower lid openings in pixels for the lid actions. */
function lidOpenings(
  head: HeadProjection,
  person: Identity,
  actions: FaceActions,
): [number, number] {
  const wide = actions.lidOpen;
  const cheek = actions.cheekRaise;
  const up = clamp(1 + 0.8 * wide - 0.3 * cheek, 0.12, 2.2);
  const low = clamp(1 + 0.3 * wide - 0.7 * cheek, 0.15, 1.8);
  const size = head.ry * person.eyeSize;
  return [0.085 * size * up, 0.055 * size * low];
}

function drawEye(
  head: HeadProjection,
  person: Identity,
  actions: FaceActions,
  side: number,
): string {
  const u = side * person.eyeAngle;
  const facing = head.facing(u);
  if (facing < 0.12) return '';
  const half = 0.19 * person.eyeSize;
  const [l, m, r] = [head.x(u - half), head.x(u), head.x(u + half)];
  const y = head.y(EYE_LEVEL);
  const [up, low] = lidOpenings(head, person, actions);
  const upper = path('M', l, y, 'Q', m, y - 2 * up, r, y);
  const lower = path('M', l, y, 'Q', m, y + 2 * low, r, y);
  const almond = path(upper, 'Q', m, y + 2 * low, l, y, 'Z');
  const id = `eye${side}`;
  const crease = path('M', l, y - 2, 'Q', m, y - 2 * up - 18, r, y - 4);
  return [
    el('clipPath', {id}, el('path', {d: almond})),
    el('path', {d: almond, fill: 'rgb(236,232,226)'}),
    el(
      'g',
      {'clip-path': `url(#${id})`},
      iris(head, person, [m, y - 0.1 * up], facing),
    ),
    el('path', {
      d: upper,
      fill: 'none',
      stroke: LID,
      'stroke-width': 5 * person.eyeSize,
      'stroke-linecap': 'round',
    }),
    el('path', {
      d: crease,
      fill: 'none',
      stroke: rgb(person.skin, 0.7),
      'stroke-width': 2.5,
      opacity: 0.6,
    }),
    el('path', {
      d: lower,
      fill: 'none',
      stroke: rgb(person.skin, 0.6),
      'stroke-width': 2,
    }),
  ].join('');
}

function iris(
  head: HeadProjection,
  person: Identity,
  [x, y]: readonly [number, number],
  facing: number,
): string {
  const r = 0.072 * head.ry * person.eyeSize;
  return [
    el('ellipse', {
      cx: x,
      cy: y,
      rx: r * facing,
      ry: r,
      fill: rgb(person.iris),
    }),
    el('ellipse', {
      cx: x,
      cy: y,
      rx: 0.45 * r * facing,
      ry: 0.45 * r,
      fill: 'rgb(12,10,10)',
    }),
    el('circle', {
      cx: x + 0.3 * r,
      cy: y - 0.3 * r,
      r: 0.18 * r,
      fill: '#fff',
      opacity: 0.8,
    }),
  ].join('');
}

function drawBrow(
  head: HeadProjection,
  person: Identity,
  actions: FaceActions,
  side: number,
): string {
  const inner = side * (person.eyeAngle - 0.2 - 0.07 * actions.browPull);
  const outer = side * (person.eyeAngle + 0.27);
  if (Math.max(head.facing(inner), head.facing(outer)) < 0.05) return '';
  const {browRaise: raise, browInner: sad, browPull: pull} = actions;
  const base = head.y(BROW_LEVEL);
  const yInner = base - head.ry * (0.09 * raise + 0.09 * sad - 0.07 * pull);
  const yOuter = base - head.ry * (0.09 * raise - 0.03 * sad + 0.02 * pull);
  const arch = Math.min(yInner, yOuter) - head.ry * 0.05 * (1 - 0.5 * sad);
  const mid = head.x(side * (person.eyeAngle + 0.02));
  const shade = person.hairStyle === 'shaved' ? 0.9 : 0.75;
  return el('path', {
    d: path('M', head.x(inner), yInner, 'Q', mid, arch, head.x(outer), yOuter),
    fill: 'none',
    stroke: rgb(person.hair, shade),
    'stroke-width': 15 * person.browWeight,
    'stroke-linecap': 'round',
  });
}

function drawFrown(
  head: HeadProjection,
  person: Identity,
  actions: FaceActions,
): string {
  const strength = clamp((actions.browPull - 0.3) * 1.2, 0, 0.8);
  if (strength === 0 || head.facing(0) < 0.3) return '';
  const top = head.y(BROW_LEVEL - 0.03);
  const bottom = head.y(BROW_LEVEL + 0.07);
  const line = (u: number): string =>
    el('path', {
      d: path('M', head.x(u), top, 'L', head.x(u * 0.7), bottom),
      stroke: rgb(person.skin, 0.55),
      'stroke-width': 3,
      opacity: strength,
    });
  return line(-0.05) + line(0.05);
}
