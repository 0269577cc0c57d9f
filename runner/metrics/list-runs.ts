import type {ResultsReader} from './open-results-reader.js';
import type {QueryResult} from './query-result.js';

/** `pipeline runs` filters: one pipeline's runs, the newest `limit`. */
export interface ListRunsOptions {
  readonly pipeline?: string;
  readonly limit: number;
}

/**
 * The newest runs with their counts of stages run and restored from cache,
 * as `pipeline runs` prints them.
 */
export function listRuns(
  reader: ResultsReader,
  {pipeline, limit}: ListRunsOptions,
): Promise<QueryResult> {
  return reader.query(
    `SELECT r.run_id AS id, r.pipeline, r.status,
       strftime(r.started_at, '%Y-%m-%d %H:%M:%S') AS started,
       epoch_ms(r.finished_at) - epoch_ms(r.started_at) AS duration_ms,
       count(s.stage) FILTER (WHERE NOT s.cached) AS ran,
       count(s.stage) FILTER (WHERE s.cached) AS cached
     FROM runs r LEFT JOIN stages s USING (run_id)
     WHERE ?::VARCHAR IS NULL OR r.pipeline = ?::VARCHAR
     GROUP BY r.run_id, r.pipeline, r.status, r.started_at, r.finished_at
     ORDER BY r.started_at DESC, r.run_id DESC
     LIMIT ?`,
    [pipeline ?? null, pipeline ?? null, limit],
  );
}
