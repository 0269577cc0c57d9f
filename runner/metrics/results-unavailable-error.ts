/**
 * The results database cannot be read right now, for a reason the user can
 * act on (no run yet, a run is writing). Commands print only the message.
 */
export class ResultsUnavailableError extends Error {
  override readonly name = 'ResultsUnavailableError';
}
