import {join} from 'node:path';

/** Where a workspace keeps its results database. */
export function resultsPath(workspaceRoot: string): string {
  return join(workspaceRoot, '.pipeline', 'results.duckdb');
}
