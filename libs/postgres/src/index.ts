export { MIGRATIONS_DIR, Migration, readMigrations, runMigrations } from './migration-runner';
export { PgPoolSqlClient } from './pg-pool.sql-client';
export { PgliteSqlClient } from './pglite.sql-client';
export {
  MigrationError,
  MigrationErrorCode,
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
  hasSqlState,
} from './postgres.error';
export { PostgresModule, SQL_CLIENT } from './postgres.module';
export { QueryResult, Sql, SqlClient } from './sql-client';
export { PostgresSettings, createSqlClient } from './sql-client.factory';
export { KeysetPosition, decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor';
