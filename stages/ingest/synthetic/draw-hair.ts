import {rgb} from './head-projection.js';
import type {HeadProjection} from './head-projection.js';
import type {Identity} from './identity.js';
import {el} from './svg-element.js';

/** Hair behind the head: the volume that shows around and below it. */
export function drawBackHair(head: HeadProjection, person: Identity): string {
  const {cx, cy, rx, ry} = head;
  const back = cx - Math.sin(head.yaw) * rx * 0.2;
  const fill = rgb(person.hair);
  switch (person.hairStyle) {
    case 'shaved':
      return '';
    case 'short':
      return el('ellipse', {
        cx: back,
        cy: cy - 0.2 * ry,
        rx: 1.08 * rx,
        ry: 0.93 * ry,
        fill,
      });
    case 'curly':
      return el('ellipse', {
        cx: back,
        cy: cy - 0.28 * ry,
        rx: 1.3 * rx,
        ry: 1.02 * ry,
        fill,
      });
    case 'bun':
      return (
        el('circle', {
          cx: cx - Math.sin(head.yaw) * rx * 0.95,
          cy: cy - 0.9 * ry,
          r: 0.38 * rx,
          fill,
        }) +
        el('ellipse', {
          cx: back,
          cy: cy - 0.2 * ry,
          rx: 1.05 * rx,
          ry: 0.9 * ry,
          fill,
        })
      );
    case 'long':
      return (
        el('ellipse', {
          cx: back,
          cy: cy - 0.15 * ry,
          rx: 1.15 * rx,
          ry: 0.98 * ry,
          fill,
        }) +
        el('rect', {
          x: back - 1.15 * rx,
          y: cy - 0.2 * ry,
          width: 2.3 * rx,
          height: 1.3 * ry,
          rx: 0.4 * rx,
          fill,
        })
      );
  }
}

/**
 * Hair over the skull, clipped to the head: a cap above the hairline and,
 * as the head turns, the back of the head.
 */
export function drawHairCap(head: HeadProjection, person: Identity): string {
  const {cx, cy, rx, ry} = head;
  const turn = Math.sin(head.yaw);
  const opacity = person.hairStyle === 'shaved' ? 0.3 : 1;
  const fill = rgb(person.hair);
  const shapes = [
    el('ellipse', {
      cx: cx - turn * rx * 0.25,
      cy: cy - 0.97 * ry,
      rx: 1.3 * rx,
      ry: 0.44 * ry,
      fill,
    }),
  ];
  if (Math.abs(turn) > 0.15) {
    shapes.push(
      el('ellipse', {
        cx: cx - turn * rx * 1.2,
        cy: cy - 0.2 * ry,
        rx: rx * (0.15 + 0.75 * turn ** 2),
        ry: 0.85 * ry,
        fill,
      }),
    );
  }
  return el('g', {'clip-path': 'url(#head)', opacity}, shapes.join(''));
}

/**
 * Ears at the sides of the head: behind the face when it looks ahead
 * (`front` false), drawn over it when turned towards the camera.
 */
export function drawEars(
  head: HeadProjection,
  person: Identity,
  front: boolean,
): string {
  const ears: string[] = [];
  for (const side of [-1, 1]) {
    const u = side * 1.5;
    const facing = head.facing(u);
    if (facing < -0.45 || facing > 0.25 !== front) continue;
    const x = head.cx + head.halfWidth() * 1.02 * Math.sin(u + head.yaw);
    const width = head.rx * (0.12 + 0.1 * Math.max(0, facing));
    const shape = {cx: x, cy: head.y(0.05), ry: head.ry * 0.16};
    ears.push(
      el('ellipse', {
        ...shape,
        rx: width,
        fill: rgb(person.skin, 0.92),
        stroke: rgb(person.skin, 0.7),
        'stroke-width': 3,
      }),
      el('ellipse', {
        ...shape,
        rx: width * 0.45,
        ry: shape.ry * 0.6,
        fill: rgb(person.skin, 0.7),
      }),
    );
  }
  return ears.join('');
}
