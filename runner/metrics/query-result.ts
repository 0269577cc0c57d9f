/** One value of a query result, already in plain JavaScript form. */
export type Cell = string | number | boolean | null;

/** A result column's name and type, as DuckDB reports them. */
export interface Column {
  readonly name: string;
  /** DuckDB's name for the type, e.g. `DOUBLE`, `JSON`, `TIMESTAMP`. */
  readonly type: string;
  /** Numbers align right in tables and stay numbers in JSON. */
  readonly numeric: boolean;
}

/** What a read-only query returns, independent of DuckDB's value classes. */
export interface QueryResult {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
}
