import {mkdir, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import PQueue from 'p-queue';
import sharp from 'sharp';
import {createRandom, hashSeed} from '../../seeded-random.js';
import type {SeededRandom} from '../../seeded-random.js';
import {formatKdefPath, kdefIdentity} from '../kdef-name.js';
import type {
  AngleCode,
  ExpressionCode,
  Gender,
  KdefName,
  Session,
} from '../kdef-name.js';
import {actionsFor} from './face-actions.js';
import {renderFaceSvg} from './face-svg.js';
import type {Shot} from './face-svg.js';
import {createIdentity, SKIN_TONES} from './identity.js';
import type {Identity, SkinTone} from './identity.js';

export interface SyntheticOptions {
  readonly seed: number;
  /** People, split evenly between women (F) and men (M). */
  readonly identities: number;
  readonly expressions: readonly ExpressionCode[];
  readonly angles: readonly AngleCode[];
  readonly sessions: readonly Session[];
  readonly width: number;
  readonly height: number;
  /** Pictures rendered at once; sharp renders each on its own thread. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

/** Name of the per-identity attributes file beside the pictures. */
export const IDENTITIES_FILE = 'identities.csv';

const YAW: Readonly<Record<AngleCode, number>> = {
  FL: -90,
  HL: -45,
  S: 0,
  HR: 45,
  FR: 90,
};

/**
 * Generates the synthetic face set into `folder` in the KDEF layout
 * (`AF01/AF01ANHL.JPG`, ...) plus `identities.csv`, so that the `kdef`
 * source reads it unchanged. Same options and seed, same bytes.
 */
export async function generateFaces(
  folder: string,
  options: SyntheticOptions,
): Promise<number> {
  const people = createPeople(options.seed, options.identities);
  const names = pictureNames(people, options);
  const queue = new PQueue({concurrency: options.concurrency ?? 4});
  let done = 0;
  await Promise.all(
    names.map((name) =>
      queue.add(async () => {
        options.signal?.throwIfAborted();
        await writePicture(folder, name, people, options);
        options.onProgress?.(++done, names.length);
      }),
    ),
  );
  await writeFile(join(folder, IDENTITIES_FILE), identitiesCsv(people));
  return names.length;
}

/** The people of a set: balanced genders, skin tones spread in each. */
export function createPeople(
  seed: number,
  count: number,
): Map<string, Identity> {
  const people = new Map<string, Identity>();
  const tones = Object.keys(SKIN_TONES) as SkinTone[];
  for (const gender of ['F', 'M'] as const) {
    const n = gender === 'F' ? Math.ceil(count / 2) : Math.floor(count / 2);
    const order = createRandom(hashSeed(seed, 'tones', gender));
    const offset = order.int(tones.length);
    for (let person = 1; person <= n; person++) {
      const tone = tones[(person + offset) % tones.length] ?? 'III';
      const identity = createIdentity(seed, gender, person, tone);
      people.set(identity.id, identity);
    }
  }
  return people;
}

function pictureNames(
  people: ReadonlyMap<string, Identity>,
  options: SyntheticOptions,
): KdefName[] {
  const names: KdefName[] = [];
  for (const identity of people.values()) {
    const gender: Gender = identity.gender;
    const person = Number(identity.id.slice(1));
    for (const session of options.sessions) {
      for (const expression of options.expressions) {
        for (const angle of options.angles) {
          names.push({session, gender, person, expression, angle});
        }
      }
    }
  }
  return names;
}

async function writePicture(
  folder: string,
  name: KdefName,
  people: ReadonlyMap<string, Identity>,
  options: SyntheticOptions,
): Promise<void> {
  const identity = people.get(kdefIdentity(name));
  if (identity === undefined) throw new Error('Internal error: no identity');
  const file = join(folder, formatKdefPath(name));
  const random = createRandom(hashSeed(options.seed, formatKdefPath(name)));
  const actions = actionsFor(identity, name.expression, random);
  const shot = createShot(name, random);
  const svg = renderFaceSvg(identity, actions, shot, options);
  await mkdir(dirname(file), {recursive: true});
  await sharp(Buffer.from(svg))
    .flatten()
    .jpeg({quality: 90, chromaSubsampling: '4:4:4'})
    .toFile(file);
}

/** Pose, framing and light of one picture. */
function createShot(name: KdefName, random: SeededRandom): Shot {
  const grey = random.range(150, 215);
  const tint = random.range(-12, 12);
  const shirtGrey = random.range(70, 150);
  return {
    yaw: ((YAW[name.angle] + random.range(-6, 6)) * Math.PI) / 180,
    roll: random.range(-5, 5),
    scale: random.range(0.9, 1.1),
    dx: random.range(-25, 25),
    dy: random.range(-25, 25),
    lightAngle: random.range(0, 2 * Math.PI),
    light: random.range(0.1, 0.8),
    exposure: random.range(-0.15, 0.15),
    background: [grey + tint, grey, grey - tint],
    shirt: [shirtGrey, shirtGrey + random.range(-10, 10), shirtGrey + 10],
  };
}

function identitiesCsv(people: ReadonlyMap<string, Identity>): string {
  const rows = [...people.values()].map((p) =>
    [p.id, p.gender === 'F' ? 'female' : 'male', p.skinTone, p.hairStyle].join(
      ',',
    ),
  );
  return ['identity,gender,skin_tone,hair', ...rows, ''].join('\n');
}
