import {Type} from '@sinclair/typebox';
import {BACKEND_NAMES} from '../engine/backend.js';

/**
 * The `backend:` key every TensorFlow.js stage accepts: `auto` picks the
 * fastest that works here, a name forces one. One schema, so the choices
 * never drift from the engine's list.
 */
export const BackendParam = Type.Union(
  ['auto', ...BACKEND_NAMES].map((name) => Type.Literal(name)),
  {default: 'auto'},
);
