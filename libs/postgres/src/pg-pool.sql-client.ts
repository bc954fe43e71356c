import { Pool, PoolConfig, types } from 'pg';
import { QueryResult, Sql, SqlClient } from './sql-client';

const INT8_OID = 20;

// Both engines must hand back the same JS types: PGlite returns int8 (count(*), bigint ids) as
// numbers, so the pool does too. Values stay well below 2^53 in this schema.
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return format === 'binary' ? types.getTypeParser(oid, 'binary') : types.getTypeParser(oid, 'text');
  },
};

/** {@link SqlClient} over a PostgreSQL server through a pg connection pool. */
export class PgPoolSqlClient implements SqlClient {
  readonly engine = 'postgres' as const;
  private readonly pool: Pool;

  constructor(connectionString: string, options: Pick<PoolConfig, 'max'> = {}) {
    this.pool = new Pool({ connectionString, max: options.max ?? 10, types: typeParsers });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async query<T>(text: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const result = await this.pool.query(text, params as unknown[]);
    return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
  }

  async exec(script: string): Promise<void> {
    // Without parameters pg uses the simple protocol, which runs several statements.
    await this.pool.query(script);
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: Sql = {
      async query<R>(text: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
        const result = await client.query(text, params as unknown[]);
        return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
      },
      async exec(script: string): Promise<void> {
        await client.query(script);
      },
    };
    try {
      await client.query('BEGIN');
      const value = await work(tx);
      await client.query('COMMIT');
      client.release();
      return value;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
