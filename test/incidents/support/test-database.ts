import { Client } from 'pg';
import { randomBytes } from 'node:crypto';

/** A database of its own for one test file on the PostgreSQL server named by DATABASE_URL. */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set: these tests need a PostgreSQL server (npm test starts one; or run scripts/postgres.sh)',
    );
  }
  return url;
}

export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const admin = serverUrl();
  const name = `${prefix}_${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
