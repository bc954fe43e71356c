export {
  ClickHouseConnection,
  ClickHouseTarget,
  RawInsert,
  connectClickHouse,
  createClickHouseClient,
  isEmbedded,
} from './clickhouse.factory';
export { clickHouseErrorCode, isDataError } from './clickhouse-errors';
export { ClickHouseService, InsertOptions } from './clickhouse.service';
export { CLICKHOUSE, ClickHouseModule } from './clickhouse.module';
export {
  MIGRATIONS_DIR,
  Migration,
  readMigrations,
  runMigrations,
  splitStatements,
} from './migration-runner';
export { RetentionSettings, applyRetention } from './retention';
export { tsvQuoted, tsvText } from './tsv';
