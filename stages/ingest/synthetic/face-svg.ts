import {drawEars, drawBackHair, drawHairCap} from './draw-hair.js';
import {drawEyes} from './draw-eyes.js';
import {drawMouth, drawNose} from './draw-mouth.js';
import type {FaceActions} from './face-actions.js';
import {HeadProjection, rgb} from './head-projection.js';
import type {Rgb} from './head-projection.js';
import type {Identity} from './identity.js';
import {el} from './svg-element.js';

/** The KDEF frame that faces are drawn in, scaled to the render size. */
export const FRAME = {width: 562, height: 762} as const;

/** What changes from one picture of a person to the next. */
export interface Shot {
  /** Head turn in radians: negative to the viewer's left. */
  readonly yaw: number;
  /** Head tilt in degrees. */
  readonly roll: number;
  readonly scale: number;
  readonly dx: number;
  readonly dy: number;
  /** Direction the light comes from, radians, and its strength 0-1. */
  readonly lightAngle: number;
  readonly light: number;
  /** Overall exposure, about -0.2 (darker) to 0.2 (brighter). */
  readonly exposure: number;
  readonly background: Rgb;
  readonly shirt: Rgb;
}

/** One face picture as an SVG document of `width` x `height` pixels. */
export function renderFaceSvg(
  person: Identity,
  actions: FaceActions,
  shot: Shot,
  size: {readonly width: number; readonly height: number},
): string {
  const head = new HeadProjection(
    FRAME.width / 2,
    330,
    person.headWidth,
    person.headHeight,
    shot.yaw,
  );
  const outline = head.outline(person.jaw, 0.1 * Math.max(0, actions.jawDrop));
  const body = [
    drawShoulders(head, person, shot),
    drawBackHair(head, person),
    drawEars(head, person, false),
    el('path', {d: outline, fill: 'url(#skin)'}),
    drawBeard(head, person),
    drawHairCap(head, person),
    drawEars(head, person, true),
    drawCheeks(head, person, actions),
    drawEyes(head, person, actions),
    drawNose(head, person, actions),
    drawMouth(head, person, actions),
    el('rect', {
      ...FRAME,
      x: 0,
      y: 0,
      fill: 'url(#light)',
      'clip-path': 'url(#head)',
    }),
  ].join('');
  const transform =
    `translate(${head.cx + shot.dx} ${head.cy + shot.dy}) ` +
    `scale(${shot.scale.toFixed(3)}) rotate(${shot.roll.toFixed(2)}) ` +
    `translate(${-head.cx} ${-head.cy})`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" ` +
    `height="${size.height}" viewBox="0 0 ${FRAME.width} ${FRAME.height}" ` +
    `preserveAspectRatio="none">` +
    definitions(person, shot, outline) +
    el('rect', {...FRAME, x: 0, y: 0, fill: rgb(shot.background)}) +
    el('rect', {...FRAME, x: 0, y: 0, fill: 'url(#vignette)'}) +
    el('g', {transform}, body) +
    exposure(shot) +
    '</svg>'
  );
}

function definitions(person: Identity, shot: Shot, outline: string): string {
  const [x, y] = [Math.cos(shot.lightAngle), Math.sin(shot.lightAngle)];
  const light = shot.light;
  return el(
    'defs',
    {},
    el('clipPath', {id: 'head'}, el('path', {d: outline})) +
      el(
        'radialGradient',
        {id: 'skin', cx: '50%', cy: '45%', r: '60%'},
        stop(0, rgb(person.skin, 1.05), 1) + stop(1, rgb(person.skin, 0.8), 1),
      ) +
      el(
        'linearGradient',
        {
          id: 'light',
          x1: 0.5 - x / 2,
          y1: 0.5 - y / 2,
          x2: 0.5 + x / 2,
          y2: 0.5 + y / 2,
        },
        stop(0, '#fff', 0.35 * light) + stop(1, '#000', 0.55 * light),
      ) +
      el(
        'radialGradient',
        {id: 'vignette', cx: '50%', cy: '40%', r: '75%'},
        stop(0, '#fff', 0.15) + stop(1, '#000', 0.25),
      ),
  );
}

function stop(offset: number, colour: string, opacity: number): string {
  return el('stop', {
    offset,
    'stop-color': colour,
    'stop-opacity': opacity.toFixed(3),
  });
}

function exposure(shot: Shot): string {
  const colour = shot.exposure > 0 ? '#fff' : '#000';
  return el('rect', {
    ...FRAME,
    x: 0,
    y: 0,
    fill: colour,
    opacity: Math.abs(shot.exposure).toFixed(3),
  });
}

function drawShoulders(
  head: HeadProjection,
  person: Identity,
  shot: Shot,
): string {
  const {cx, cy, rx, ry} = head;
  const width = rx * (2.5 - 0.9 * Math.abs(Math.sin(head.yaw)));
  return (
    el('rect', {
      x: cx - 0.45 * rx,
      y: cy + 0.5 * ry,
      width: 0.9 * rx,
      height: ry,
      fill: rgb(person.skin, 0.82),
    }) +
    el('ellipse', {
      cx,
      cy: cy + 2.1 * ry,
      rx: width,
      ry: 0.8 * ry,
      fill: rgb(shot.shirt),
    })
  );
}

function drawBeard(head: HeadProjection, person: Identity): string {
  if (person.beard === 0) return '';
  return el('ellipse', {
    cx: head.cx + Math.sin(head.yaw) * head.rx * 0.3,
    cy: head.y(0.78),
    rx: head.rx * 0.95,
    ry: head.ry * 0.5,
    fill: rgb(person.hair),
    opacity: person.beard.toFixed(2),
    'clip-path': 'url(#head)',
  });
}

function drawCheeks(
  head: HeadProjection,
  person: Identity,
  actions: FaceActions,
): string {
  const lift = Math.max(0, actions.cheekRaise);
  if (lift < 0.1) return '';
  return [-1, 1]
    .filter((side) => head.facing(side * 0.55) > 0.1)
    .map((side) =>
      el('ellipse', {
        cx: head.x(side * 0.55),
        cy: head.y(0.22 - 0.06 * lift),
        rx: head.rx * 0.2,
        ry: head.ry * 0.1,
        fill: rgb(person.lips, 1.1),
        opacity: (0.3 * lift).toFixed(2),
      }),
    )
    .join('');
}
