/**
 * KDEF file naming (see DATASETS.md): `AF01ANHL.JPG` is session A, female,
 * person 01, angry, half left.
 */
export const KDEF_EXPRESSIONS = {
  AF: 'afraid',
  AN: 'angry',
  DI: 'disgusted',
  HA: 'happy',
  NE: 'neutral',
  SA: 'sad',
  SU: 'surprised',
} as const;

export const KDEF_ANGLES = {
  FL: 'full_left',
  HL: 'half_left',
  S: 'straight',
  HR: 'half_right',
  FR: 'full_right',
} as const;

export type ExpressionCode = keyof typeof KDEF_EXPRESSIONS;
export type AngleCode = keyof typeof KDEF_ANGLES;
export type Session = 'A' | 'B';
export type Gender = 'F' | 'M';

export const EXPRESSION_CODES = Object.keys(
  KDEF_EXPRESSIONS,
) as ExpressionCode[];
export const ANGLE_CODES = Object.keys(KDEF_ANGLES) as AngleCode[];

export interface KdefName {
  readonly session: Session;
  readonly gender: Gender;
  /** 1 to 99; the distribution has 1 to 35 per gender. */
  readonly person: number;
  readonly expression: ExpressionCode;
  readonly angle: AngleCode;
}

const PATTERN =
  /^([AB])([FM])(\d\d)(AF|AN|DI|HA|NE|SA|SU)(FL|HL|S|HR|FR)\.jpe?g$/i;

/** Parses a KDEF file name (no folder); undefined when it does not fit. */
export function parseKdefName(fileName: string): KdefName | undefined {
  const match = PATTERN.exec(fileName);
  if (match === null) return undefined;
  const [, session, gender, person, expression, angle] = match;
  return {
    session: session?.toUpperCase() as Session,
    gender: gender?.toUpperCase() as Gender,
    person: Number(person),
    expression: expression?.toUpperCase() as ExpressionCode,
    angle: angle?.toUpperCase() as AngleCode,
  };
}

/** The person's identity across sessions, e.g. `F01`. */
export function kdefIdentity(
  name: Pick<KdefName, 'gender' | 'person'>,
): string {
  return `${name.gender}${String(name.person).padStart(2, '0')}`;
}

/** The folder and file name KDEF uses, e.g. `AF01/AF01ANHL.JPG`. */
export function formatKdefPath(name: KdefName): string {
  const folder = `${name.session}${kdefIdentity(name)}`;
  return `${folder}/${folder}${name.expression}${name.angle}.JPG`;
}
