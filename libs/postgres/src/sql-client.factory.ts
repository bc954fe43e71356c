import { PgPoolSqlClient } from './pg-pool.sql-client';
import { PgliteSqlClient } from './pglite.sql-client';
import { SqlClient } from './sql-client';

export interface PostgresSettings {
  /** A PostgreSQL server (`DATABASE_URL`); when absent, embedded PGlite in `pglitePath`. */
  readonly url?: string;
  readonly pglitePath: string;
  readonly poolMax: number;
}

/** Opens the configured engine: a pg Pool when a URL is set, otherwise PGlite in its data directory. */
export async function createSqlClient(settings: PostgresSettings): Promise<SqlClient> {
  if (settings.url) return new PgPoolSqlClient(settings.url, { max: settings.poolMax });
  return PgliteSqlClient.open(settings.pglitePath === ':memory:' ? undefined : settings.pglitePath);
}
