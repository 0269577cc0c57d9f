/**
 * The kinds of artifact a stage port can carry. An edge is valid only when
 * the producing port's type equals the consuming port's type.
 *
 * Every artifact is a folder in the content-addressed store; its layout is
 * described next to its reader and writer in `artifacts/<type>.ts`.
 */
export const ARTIFACT_TYPES = [
  'images',
  'features',
  'model',
  'metrics',
  'predictions',
  'figure',
  'files',
] as const;

export type ArtifactType = (typeof ARTIFACT_TYPES)[number];
