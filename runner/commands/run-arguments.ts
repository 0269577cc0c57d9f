import {availableParallelism} from 'node:os';
import {parseArgs} from 'node:util';
import {fail, ok, type Result} from '../util/result.js';

/** `pipeline run` after parsing. */
export interface RunArguments {
  readonly file: string;
  readonly sets: readonly string[];
  readonly jobs: number;
  readonly devices: readonly string[];
  readonly keepGoing: boolean;
  readonly force: readonly string[];
  readonly only: readonly string[];
  readonly dryRun: boolean;
  readonly wait: boolean;
  readonly json: boolean;
  readonly backend: string | null;
}

export const RUN_USAGE = `Usage: pipeline run FILE [options]

  --set KEY=VALUE   override a parameter (repeatable): epochs=2, train.with.lr=0.01
  --jobs N          cpu stages at once (default: ${availableParallelism()}, the cores)
  --devices 0,1     accelerator devices, one stage at a time on each (default: 0)
  --keep-going      after a failure, run every stage that does not depend on it
  --force STAGE     run STAGE (a stage or an instance) even when cached (repeatable)
  --only STAGE      run only STAGE and what it needs (repeatable)
  --dry-run         print what would run and why; run nothing
  --no-wait         fail instead of waiting when another run holds the workspace
  --json            one JSON event per line on stdout
  --backend NAME    TensorFlow.js backend for ML stages (PIPELINE_BACKEND)`;

/** Parses `pipeline run` arguments; a usage mistake is a message. */
export function parseRunArguments(
  argv: readonly string[],
): Result<RunArguments | 'help', string> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        set: {type: 'string', multiple: true},
        jobs: {type: 'string'},
        devices: {type: 'string', default: '0'},
        'keep-going': {type: 'boolean', default: false},
        force: {type: 'string', multiple: true},
        only: {type: 'string', multiple: true},
        'dry-run': {type: 'boolean', default: false},
        'no-wait': {type: 'boolean', default: false},
        json: {type: 'boolean', default: false},
        backend: {type: 'string'},
        help: {type: 'boolean', short: 'h', default: false},
      },
      allowPositionals: true,
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const {values, positionals} = parsed;
  if (values.help) {
    return ok('help');
  }
  if (positionals.length !== 1 || positionals[0] === undefined) {
    return fail('expected one pipeline FILE');
  }
  const jobs = parseJobs(values.jobs);
  const devices = parseDevices(values.devices);
  if (!jobs.ok) {
    return jobs;
  }
  if (!devices.ok) {
    return devices;
  }
  return ok({
    file: positionals[0],
    sets: values.set ?? [],
    jobs: jobs.value,
    devices: devices.value,
    keepGoing: values['keep-going'],
    force: values.force ?? [],
    only: values.only ?? [],
    dryRun: values['dry-run'],
    wait: !values['no-wait'],
    json: values.json,
    backend: values.backend ?? null,
  });
}

function parseJobs(text: string | undefined): Result<number, string> {
  if (text === undefined) {
    return ok(availableParallelism());
  }
  const jobs = Number(text);
  return Number.isInteger(jobs) && jobs >= 1
    ? ok(jobs)
    : fail(`--jobs takes a whole number of at least 1, not "${text}"`);
}

function parseDevices(text: string): Result<string[], string> {
  const devices = text.split(',').map((d) => d.trim());
  return devices.every((d) => /^[0-9]+$/.test(d))
    ? ok([...new Set(devices)])
    : fail(`--devices takes device numbers like 0,1, not "${text}"`);
}
