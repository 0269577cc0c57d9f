import type {Reporter, RunEvent} from './run-event.js';

/** `--json`: one event per line on stdout, for machines. */
export class JsonReporter implements Reporter {
  onEvent(event: RunEvent): void {
    process.stdout.write(`${JSON.stringify(event)}\n`);
  }

  close(): void {
    // Every event was written as it came.
  }
}
