import {parseArgs, type ParseArgsConfig} from 'node:util';
import {writeErr, writeOut} from '../log/output.js';
import {
  openResultsReader,
  type ResultsReader,
} from '../metrics/open-results-reader.js';
import {ResultsUnavailableError} from '../metrics/results-unavailable-error.js';
import {findWorkspace} from '../util/find-workspace.js';
import type {CommandModule} from './command.js';

/** A user mistake on the command line: printed with the usage, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Parsed option values, as `node:util` parseArgs returns them. */
export type OptionValues = Readonly<
  Record<string, string | boolean | (string | boolean)[] | undefined>
>;

/** What a results command's `run` gets: its arguments and the reader. */
export interface ResultsInvocation {
  readonly values: OptionValues;
  readonly positionals: readonly string[];
  readonly reader: ResultsReader;
  readonly workspace: string;
}

/** A results command: its usage, options and what it does. */
export interface ResultsCommandSpec {
  readonly name: string;
  readonly summary: string;
  /** Usage lines after `pipeline <name>`, options included. */
  readonly usage: string;
  readonly options: ParseArgsOptionsConfig;
  readonly positionals: readonly [min: number, max: number];
  run(invocation: ResultsInvocation): Promise<number>;
}

const COMMON_OPTIONS: ParseArgsOptionsConfig = {
  workspace: {type: 'string'},
  help: {type: 'boolean', short: 'h'},
};

/**
 * A command that reads the results database: parses its arguments, finds
 * the workspace, opens the database read-only, and turns user-facing
 * failures into one-line messages instead of stack traces.
 */
export function resultsCommand(spec: ResultsCommandSpec): CommandModule {
  return {
    summary: spec.summary,
    main: (argv) => runResultsCommand(spec, argv),
  };
}

async function runResultsCommand(
  spec: ResultsCommandSpec,
  argv: readonly string[],
): Promise<number> {
  const usage = `Usage: pipeline ${spec.name} ${spec.usage}`;
  try {
    const parsed = parse(spec, argv);
    if (parsed.values.help === true) {
      writeOut(`${spec.summary}\n\n${usage}`);
      return 0;
    }
    return await withReader(spec, parsed);
  } catch (error) {
    return reportFailure(spec.name, usage, error);
  }
}

function parse(
  spec: ResultsCommandSpec,
  argv: readonly string[],
): {values: OptionValues; positionals: string[]} {
  let parsed: {values: OptionValues; positionals: string[]};
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {...COMMON_OPTIONS, ...spec.options},
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : 'bad usage');
  }
  const [min, max] = spec.positionals;
  const count = parsed.positionals.length;
  if (parsed.values.help !== true && (count < min || count > max)) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new UsageError(`expected ${expected} argument(s), got ${count}`);
  }
  return parsed;
}

async function withReader(
  spec: ResultsCommandSpec,
  parsed: {values: OptionValues; positionals: string[]},
): Promise<number> {
  const explicit = parsed.values.workspace;
  const workspace = await findWorkspace(
    typeof explicit === 'string' ? explicit : undefined,
  );
  if (workspace === null) {
    throw new ResultsUnavailableError(
      'no workspace here: no .pipeline/ folder in this directory or above; ' +
        'run a pipeline first or pass --workspace DIR',
    );
  }
  const reader = await openResultsReader(workspace);
  try {
    return await spec.run({...parsed, reader, workspace});
  } finally {
    reader.close();
  }
}

const DUCKDB_ERROR = /^[A-Z][A-Za-z ]* Error: /;

function reportFailure(name: string, usage: string, error: unknown) {
  if (error instanceof UsageError) {
    writeErr(`pipeline ${name}: ${error.message}\n${usage}`);
    return 2;
  }
  if (error instanceof ResultsUnavailableError) {
    writeErr(`pipeline ${name}: ${error.message}`);
    return 1;
  }
  // DuckDB's own errors (a damaged or half-created file) are one line for
  // the user; anything else is a bug and keeps its stack.
  if (error instanceof Error && DUCKDB_ERROR.test(error.message)) {
    writeErr(`pipeline ${name}: ${error.message.split('\n')[0] ?? ''}`);
    return 1;
  }
  throw error;
}
