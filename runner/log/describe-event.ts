import type {RunEvent} from './run-event.js';

/**
 * The one-line text of an event for the plain reporter and the TTY log
 * area, or undefined for events that only update counters.
 */
export function describeEvent(event: RunEvent): string | undefined {
  switch (event.type) {
    case 'run-start':
      return `run ${event.runId}: ${event.pipeline}, ${event.instances} stages`;
    case 'started':
      return `${event.instance}: started${attemptNote(event.attempt)}`;
    case 'cache-hit':
      return `${event.instance}: cached${restoredNote(event.restored)}`;
    case 'cache-miss':
      return `${event.instance}: will run (${event.reasons.join('; ')})`;
    case 'corrupt-object':
      return `${event.instance}: corrupt object ${event.digest}, recomputing`;
    case 'succeeded':
      return `${event.instance}: succeeded in ${seconds(event.durationMs)}`;
    case 'failed':
      return describeFailure(event);
    case 'skipped':
      return `${event.instance}: skipped (${event.reason})`;
    case 'run-end':
      return describeEnd(event);
    case 'queued':
    case 'log':
    case 'progress':
    case 'metric':
      return undefined;
  }
}

function describeFailure(event: RunEvent & {type: 'failed'}): string {
  const retry = event.willRetry ? ', retrying' : '';
  const head = `${event.instance}: failed: ${event.error}${retry}`;
  const tail = event.logTail === '' ? '' : `\n${indent(event.logTail)}`;
  return `${head}${tail}\n  log: ${event.logFile}`;
}

function describeEnd(event: RunEvent & {type: 'run-end'}): string {
  const {ran, cached, failed, skipped} = event.counts;
  const counts =
    `${ran} ran, ${cached} cached, ` + `${failed} failed, ${skipped} skipped`;
  return `run ${event.reason}: ${counts} in ${seconds(event.ms)}`;
}

function attemptNote(attempt: number): string {
  return attempt > 1 ? ` (attempt ${attempt})` : '';
}

function restoredNote(restored: readonly string[]): string {
  return restored.length > 0 ? `, restored ${restored.join(', ')}` : '';
}

/** Milliseconds as `1.2s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  | ${line}`)
    .join('\n');
}
