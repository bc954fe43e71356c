/** Rows and the number of rows a statement touched. */
export interface QueryResult<T> {
  readonly rows: T[];
  readonly rowCount: number;
}

/** Runs one parameterised statement. Values are always bound (`$1`, `$2`, ...), never concatenated. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/**
 * The one query interface over both engines: a PostgreSQL server (pg Pool) or embedded PGlite.
 * `transaction` runs `work` on a single connection between BEGIN and COMMIT and rolls back if it
 * throws, so callers never leave half-written state behind.
 */
export interface SqlClient extends Sql {
  readonly engine: 'postgres' | 'pglite';
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
