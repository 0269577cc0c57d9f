import {describeEvent, seconds} from './describe-event.js';
import {isQuietHit} from './plain-reporter.js';
import type {Reporter, RunEvent} from './run-event.js';

const REDRAW_MS = 100;
const BAR_WIDTH = 20;

interface Running {
  readonly since: number;
  done?: number;
  total?: number;
}

/**
 * A live status area on a terminal: counts, elapsed time and one line per
 * running stage with a bar when it reports progress. Finished stages
 * scroll above it as plain lines.
 */
export class TtyReporter implements Reporter {
  readonly #running = new Map<string, Running>();
  readonly #started = Date.now();
  #total = 0;
  #finished = 0;
  #cached = 0;
  #failed = 0;
  #drawnLines = 0;
  #pending: string[] = [];
  readonly #timer = setInterval(() => {
    this.#draw();
  }, REDRAW_MS);

  onEvent(event: RunEvent): void {
    this.#track(event);
    const line = isQuietHit(event) ? undefined : describeEvent(event);
    if (line !== undefined && event.type !== 'started') {
      this.#pending.push(line);
    }
  }

  close(): void {
    clearInterval(this.#timer);
    this.#running.clear();
    this.#draw();
    this.#drawnLines = 0;
  }

  #track(event: RunEvent): void {
    switch (event.type) {
      case 'run-start':
        this.#total = event.instances;
        return;
      case 'started':
        this.#running.set(event.instance, {since: Date.now()});
        return;
      case 'progress':
        this.#updateProgress(event);
        return;
      case 'cache-hit':
        this.#cached++;
        this.#finished++;
        return;
      default:
        this.#trackEnd(event);
    }
  }

  #trackEnd(event: RunEvent): void {
    if (event.type === 'succeeded' || event.type === 'skipped') {
      this.#finished++;
    } else if (event.type === 'failed' && !event.willRetry) {
      this.#finished++;
      this.#failed++;
    } else {
      return;
    }
    this.#running.delete(event.instance);
  }

  #updateProgress(event: RunEvent & {type: 'progress'}): void {
    const running = this.#running.get(event.instance);
    if (running !== undefined) {
      running.done = event.done;
      running.total = event.total;
    }
  }

  #draw(): void {
    const status = this.#statusLines();
    const lines = [...this.#pending, ...status];
    this.#pending = [];
    if (lines.length === 0 && this.#drawnLines === 0) {
      return;
    }
    // Move to the first status line drawn last time and clear below it:
    // finished lines stay above, the status area is drawn afresh.
    const up = this.#drawnLines > 0 ? `\x1b[${this.#drawnLines}F` : '';
    const text = lines.map((line) => `${line}\n`).join('');
    process.stdout.write(`${up}\x1b[J${text}`);
    this.#drawnLines = status.length;
  }

  #statusLines(): string[] {
    if (this.#running.size === 0 && this.#finished === this.#total) {
      return [];
    }
    const elapsed = seconds(Date.now() - this.#started);
    const head =
      `${this.#finished}/${this.#total} done, ${this.#running.size} running,` +
      ` ${this.#cached} cached, ${this.#failed} failed, ${elapsed}`;
    const rows = [...this.#running].map(([id, r]) => runningLine(id, r));
    return [head, ...rows];
  }
}

function runningLine(id: string, running: Running): string {
  const elapsed = seconds(Date.now() - running.since);
  if (running.done === undefined || !running.total) {
    return `  ${id}  ${elapsed}`;
  }
  const share = Math.min(1, running.done / running.total);
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
  return `  ${id}  [${bar}] ${Math.round(share * 100)}%  ${elapsed}`;
}
