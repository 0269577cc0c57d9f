import {describeEvent} from './describe-event.js';
import type {Reporter, RunEvent} from './run-event.js';

/**
 * One line per state change, for logs and CI (stdout is not a terminal).
 * Cache hits are summed into the final line instead of listed when there
 * are many, so a no-op run of 1,000 stages prints a few lines.
 */
export class PlainReporter implements Reporter {
  readonly #verbose: boolean;

  constructor(verbose: boolean) {
    this.#verbose = verbose;
  }

  onEvent(event: RunEvent): void {
    if (isQuietHit(event) && !this.#verbose) {
      return;
    }
    const line = describeEvent(event);
    if (line !== undefined) {
      process.stdout.write(`${line}\n`);
    }
  }

  close(): void {
    // Lines were written as they came.
  }
}

/** A cache hit that restored nothing is the common, boring case. */
export function isQuietHit(event: RunEvent): boolean {
  return event.type === 'cache-hit' && event.restored.length === 0;
}
