import {createRandom, hashSeed} from '../../seeded-random.js';
import type {SeededRandom} from '../../seeded-random.js';
import type {ExpressionCode, Gender} from '../kdef-name.js';

/** Skin tone groups recorded per identity for the bias study. */
export const SKIN_TONES = {
  I: [244, 214, 190],
  II: [228, 188, 156],
  III: [200, 150, 112],
  IV: [160, 108, 74],
  V: [112, 72, 48],
} as const;

export type SkinTone = keyof typeof SKIN_TONES;
export type HairStyle = 'short' | 'long' | 'bun' | 'curly' | 'shaved';
type Rgb = readonly [number, number, number];

const HAIR_COLOURS: readonly Rgb[] = [
  [28, 22, 20],
  [58, 40, 28],
  [96, 64, 40],
  [170, 130, 80],
  [140, 70, 40],
  [120, 118, 116],
];
const IRIS_COLOURS: readonly Rgb[] = [
  [70, 45, 30],
  [40, 30, 25],
  [70, 110, 150],
  [80, 110, 70],
];

/** Everything that stays the same for one person across pictures. */
export interface Identity {
  readonly id: string;
  readonly gender: Gender;
  readonly skinTone: SkinTone;
  readonly skin: Rgb;
  /** Head half-width and half-height, in the 562 x 762 frame. */
  readonly headWidth: number;
  readonly headHeight: number;
  /** 0.7 (pointed chin) to 1 (square jaw). */
  readonly jaw: number;
  /** Horizontal angle of each eye from the face centre, radians. */
  readonly eyeAngle: number;
  readonly eyeSize: number;
  readonly iris: Rgb;
  readonly browWeight: number;
  readonly noseLength: number;
  readonly mouthWidth: number;
  readonly lipFullness: number;
  readonly lips: Rgb;
  readonly hairStyle: HairStyle;
  readonly hair: Rgb;
  readonly beard: number;
  /** Resting face: offsets added to every expression's actions. */
  readonly resting: Readonly<Record<'brow' | 'lid' | 'corner', number>>;
  /** How strongly this person shows each expression (about 0.5-1.3). */
  readonly intensity: Readonly<Record<ExpressionCode, number>>;
  /** Habit of smiling and gasping with an open mouth, 0-1. */
  readonly openMouth: number;
}

/** The identity of person `person` of `gender` for a set seed. */
export function createIdentity(
  seed: number,
  gender: Gender,
  person: number,
  skinTone: SkinTone,
): Identity {
  const id = `${gender}${String(person).padStart(2, '0')}`;
  const random = createRandom(hashSeed(seed, 'identity', id));
  const female = gender === 'F';
  return {
    id,
    gender,
    skinTone,
    skin: jitterColour(SKIN_TONES[skinTone], random, 10),
    headWidth: random.range(145, 168) * (female ? 0.95 : 1.03),
    headHeight: random.range(195, 225) * (female ? 0.96 : 1.02),
    jaw: female ? random.range(0.7, 0.88) : random.range(0.8, 1),
    eyeAngle: random.range(0.4, 0.54),
    eyeSize: random.range(0.85, 1.15) * (female ? 1.06 : 1),
    iris: random.pick(IRIS_COLOURS),
    browWeight: random.range(0.7, 1.1) * (female ? 0.75 : 1.15),
    noseLength: random.range(0.85, 1.2),
    mouthWidth: random.range(0.85, 1.15),
    lipFullness: random.range(0.8, 1.2) * (female ? 1.15 : 0.95),
    lips: lipColour(SKIN_TONES[skinTone], female, random),
    ...hairFor(female, random),
    beard: !female && random.next() < 0.35 ? random.range(0.25, 0.7) : 0,
    resting: {
      brow: random.range(-0.25, 0.25),
      lid: random.range(-0.2, 0.2),
      corner: random.range(-0.25, 0.2),
    },
    intensity: intensities(random),
    openMouth: random.next(),
  };
}

function hairFor(
  female: boolean,
  random: SeededRandom,
): {hairStyle: HairStyle; hair: Rgb} {
  const styles: readonly HairStyle[] = female
    ? ['long', 'long', 'bun', 'curly', 'short']
    : ['short', 'short', 'curly', 'shaved', 'long'];
  return {hairStyle: random.pick(styles), hair: random.pick(HAIR_COLOURS)};
}

function intensities(random: SeededRandom): Record<ExpressionCode, number> {
  const overall = random.range(0.6, 1.15);
  const one = (): number => overall * random.range(0.75, 1.2);
  return {
    AF: one(),
    AN: one(),
    DI: one(),
    HA: one(),
    NE: one(),
    SA: one(),
    SU: one(),
  };
}

function lipColour(skin: Rgb, female: boolean, random: SeededRandom): Rgb {
  const redden = female ? random.range(0.15, 0.35) : random.range(0.05, 0.15);
  const [r, g, b] = skin;
  return [
    Math.round(r * (1 - redden) + 190 * redden),
    Math.round(g * (1 - redden * 1.6)),
    Math.round(b * (1 - redden * 1.2) + 20 * redden),
  ];
}

function jitterColour(base: Rgb, random: SeededRandom, amount: number): Rgb {
  const shift = random.range(-amount, amount);
  return base.map((c) =>
    Math.round(Math.min(255, Math.max(0, c + shift + random.range(-4, 4)))),
  ) as unknown as Rgb;
}
