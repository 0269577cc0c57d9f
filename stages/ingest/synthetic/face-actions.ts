import type {SeededRandom} from '../../seeded-random.js';
import type {ExpressionCode} from '../kdef-name.js';
import type {Identity} from './identity.js';

/**
 * Facial action units, roughly as FACS names them, each about 0-1 (brows
 * and lids may go negative: lowered, narrowed).
 */
export interface FaceActions {
  /** AU1+2: whole brow up (negative: lowered, AU4). */
  readonly browRaise: number;
  /** AU1: inner corners up (sadness, fear). */
  readonly browInner: number;
  /** AU4: brows drawn together and down. */
  readonly browPull: number;
  /** AU5 (positive, widened) against AU7 (negative, narrowed). */
  readonly lidOpen: number;
  /** AU6: cheeks up, lower lids pushed up. */
  readonly cheekRaise: number;
  /** AU9: nose wrinkled. */
  readonly noseWrinkle: number;
  /** AU10: upper lip raised. */
  readonly upperLipRaise: number;
  /** AU12 (positive) against AU15 (negative): lip corners up or down. */
  readonly lipCorner: number;
  /** AU20: lips stretched sideways (negative: pursed round). */
  readonly lipStretch: number;
  /** AU23/24: lips pressed thin. */
  readonly lipPress: number;
  /** AU25-27: mouth open, jaw dropped. */
  readonly jawDrop: number;
}

type ActionName = keyof FaceActions;

const NONE: FaceActions = {
  browRaise: 0,
  browInner: 0,
  browPull: 0,
  lidOpen: 0,
  cheekRaise: 0,
  noseWrinkle: 0,
  upperLipRaise: 0,
  lipCorner: 0,
  lipStretch: 0,
  lipPress: 0,
  jawDrop: 0,
};

// Prototypes after Ekman's descriptions of the six basic emotions.
const PROTOTYPES: Readonly<Record<ExpressionCode, Partial<FaceActions>>> = {
  NE: {},
  HA: {cheekRaise: 0.9, lipCorner: 1, lidOpen: -0.3, lipStretch: 0.3},
  SA: {browInner: 1, browPull: 0.4, lipCorner: -0.9, lidOpen: -0.35},
  SU: {browRaise: 1, browInner: 0.4, lidOpen: 1, jawDrop: 1, lipStretch: -0.5},
  AF: {
    browRaise: 0.6,
    browInner: 0.8,
    browPull: 0.6,
    lidOpen: 0.9,
    lipStretch: 1,
    lipCorner: -0.35,
    jawDrop: 0.45,
  },
  AN: {browRaise: -0.7, browPull: 1, lidOpen: -0.25, lipPress: 1},
  DI: {
    noseWrinkle: 1,
    upperLipRaise: 1,
    browPull: 0.5,
    browRaise: -0.35,
    lidOpen: -0.5,
    lipCorner: -0.45,
    cheekRaise: 0.3,
  },
};

/**
 * The actions of one picture: the expression's prototype scaled by the
 * person's intensity, plus their resting face and some noise, so that no
 * single feature gives the label away.
 */
export function actionsFor(
  identity: Identity,
  expression: ExpressionCode,
  random: SeededRandom,
): FaceActions {
  const scale = identity.intensity[expression] * random.range(0.85, 1.1);
  const prototype = {...NONE, ...PROTOTYPES[expression]};
  const out = {...NONE};
  for (const name of Object.keys(NONE) as ActionName[]) {
    out[name] = prototype[name] * scale + random.normal() * 0.08;
  }
  out.browRaise += identity.resting.brow;
  out.lidOpen += identity.resting.lid;
  out.lipCorner += identity.resting.corner;
  out.jawDrop = Math.max(0, out.jawDrop + openHabit(identity, expression));
  return out;
}

// Some people smile or gasp with the mouth open, others keep it shut.
function openHabit(identity: Identity, expression: ExpressionCode): number {
  if (expression === 'HA') return 0.45 * identity.openMouth - 0.05;
  if (expression === 'SU' || expression === 'AF') {
    return 0.3 * (identity.openMouth - 0.5);
  }
  if (expression === 'AN' && identity.openMouth > 0.8) return 0.25;
  return 0;
}
