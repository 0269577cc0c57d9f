import type {ResultsReader} from './open-results-reader.js';
import {ResultsUnavailableError} from './results-unavailable-error.js';
import {text} from './cell-values.js';

const LATEST = /^(?:latest|last)(?:~(\d+))?$/;

/**
 * Turns what a user typed into a run id: `latest` (or `last`), `latest~N`
 * for the Nth before it, a full id, or a prefix naming exactly one run.
 */
export async function resolveRun(
  reader: ResultsReader,
  ref: string,
): Promise<string> {
  const latest = LATEST.exec(ref);
  const result = latest
    ? await reader.query(
        'SELECT run_id FROM runs ORDER BY started_at DESC, run_id DESC ' +
          'LIMIT 1 OFFSET ?::INTEGER',
        [Number(latest[1] ?? 0)],
      )
    : await reader.query(
        'SELECT run_id FROM runs WHERE starts_with(run_id, ?) ' +
          'ORDER BY run_id = ? DESC, started_at DESC LIMIT 6',
        [ref, ref],
      );
  const ids = result.rows.map((row) => text(row[0]));
  return pickOne(ids, ref);
}

function pickOne(ids: readonly string[], ref: string): string {
  const [first, second] = ids;
  if (first === undefined) {
    throw new ResultsUnavailableError(
      LATEST.test(ref)
        ? `no run "${ref}": fewer runs are recorded`
        : `no run "${ref}"; \`pipeline runs\` lists the recorded ones`,
    );
  }
  if (second === undefined || first === ref) return first;
  const more = ids.length > 5 ? ', ...' : '';
  throw new ResultsUnavailableError(
    `run "${ref}" is ambiguous: it starts ${ids.slice(0, 5).join(', ')}` +
      `${more}; type more of the id`,
  );
}
