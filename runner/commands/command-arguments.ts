import {parseArgs, type ParseArgsConfig} from 'node:util';
import {fail, ok, type Result} from '../util/result.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What a command that takes one pipeline FILE receives. */
export interface FileArguments<T> {
  readonly file: string;
  readonly values: T;
}

/**
 * Parses `FILE [options]` strictly: an unknown option or a missing or extra
 * FILE is a usage error (a message for exit code 2), never a stack trace.
 */
export function parseFileArguments<const O extends Options>(
  argv: readonly string[],
  options: O,
): Result<
  FileArguments<ReturnType<typeof parseArgs<{options: O}>>['values']>,
  string
> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) {
    return fail('Missing the pipeline FILE.');
  }
  if (extra.length > 0) {
    return fail(
      `Unexpected argument "${extra.join(' ')}"; give one pipeline FILE.`,
    );
  }
  return ok({file, values: parsed.values});
}
