/**
 * A stage instance that did not succeed: a non-zero exit, a signal, a
 * timeout, a missing output. `message` is the one-line short form; the
 * log file holds the rest.
 */
export class StageError extends Error {
  override readonly name = 'StageError';
  /** True when the run was cancelled, not the stage at fault. */
  readonly cancelled: boolean;

  constructor(message: string, cancelled = false) {
    super(message);
    this.cancelled = cancelled;
  }
}
