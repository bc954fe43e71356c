import { ClickHouseService, readMigrations, runMigrations } from '@app/clickhouse';
import { testClickHouse } from '../support/engines';

/**
 * The ClickHouse schema that the migrations produce, as a reviewed snapshot: a change to any
 * table, view, sort key or TTL shows up in the diff of `__snapshots__/schema.e2e-spec.ts.snap`.
 */
describe('ClickHouse schema', () => {
  let ch: ClickHouseService;

  beforeAll(async () => {
    ch = await testClickHouse();
  });

  afterAll(() => ch?.close());

  it('records every migration once, and applying them again changes nothing', async () => {
    const before = await ch.query<{ version: number }>(
      ch.sql('SELECT version FROM {{db}}.schema_migrations ORDER BY version'),
    );
    expect(before.map((r) => Number(r.version))).toEqual(readMigrations().map((m) => m.version));
    expect(await runMigrations(ch)).toEqual([]);
  });

  it('matches the snapshot', async () => {
    const tables = await ch.query<{ name: string; engine: string; create_table_query: string }>(
      `SELECT name, engine, create_table_query FROM system.tables WHERE database = {db:String} AND name != 'schema_migrations' ORDER BY name`,
      { db: ch.database },
    );
    const schema = tables.map((t) => ({
      name: t.name,
      engine: t.engine,
      ddl: t.create_table_query.split(`${ch.database}.`).join('{{db}}.'),
    }));
    expect(schema).toMatchSnapshot();
  });
});
