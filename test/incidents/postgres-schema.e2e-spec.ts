import { MigrationError, PgPoolSqlClient, readMigrations, runMigrations } from '@app/postgres';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestDatabase, createTestDatabase } from './support/test-database';

const SCHEMA = `
  SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default
  FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
  WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migrations'
  ORDER BY c.table_name, c.ordinal_position`;

const INDEXES = `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`;

describe('PostgreSQL schema and migration runner (PostgreSQL server)', () => {
  let db: TestDatabase;
  let sql: PgPoolSqlClient;

  beforeAll(async () => {
    db = await createTestDatabase('km_schema');
    sql = new PgPoolSqlClient(db.url, { max: 4 });
  });

  afterAll(async () => {
    await sql?.close();
    await db?.drop();
  });

  it('applies every migration once, also when several processes start at the same time', async () => {
    const others = Array.from({ length: 4 }, () => new PgPoolSqlClient(db.url, { max: 1 }));
    const applied = await Promise.all([sql, ...others].map((c) => runMigrations(c)));
    await Promise.all(others.map((c) => c.close()));
    expect(applied.flat().sort()).toEqual(readMigrations().map((m) => m.version));
    expect(await runMigrations(sql)).toEqual([]);
  });

  it('matches the schema snapshot', async () => {
    expect((await sql.query(SCHEMA)).rows).toMatchSnapshot('columns');
    expect((await sql.query(INDEXES)).rows).toMatchSnapshot('indexes');
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'km-migrations-'));
    try {
      const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
      await expect(runMigrations(sql, edited)).rejects.toThrow(MigrationError);
      writeFileSync(join(dir, '0001_a.sql'), 'SELECT 1;');
      writeFileSync(join(dir, '0001_b.sql'), 'SELECT 1;');
      expect(() => readMigrations(dir)).toThrow(/used twice/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
