import {JsonReporter} from './json-reporter.js';
import {PlainReporter} from './plain-reporter.js';
import type {Reporter} from './run-event.js';
import {TtyReporter} from './tty-reporter.js';

/** `--json` wins; else a live display on a terminal, plain lines if not. */
export function createReporter(json: boolean): Reporter {
  if (json) {
    return new JsonReporter();
  }
  return process.stdout.isTTY ? new TtyReporter() : new PlainReporter(false);
}
