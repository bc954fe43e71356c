import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationError, MigrationErrorCode } from './postgres.error';
import { SqlClient } from './sql-client';

/** The migration set of the platform's PostgreSQL schema (copied next to the compiled code by the build). */
export const MIGRATIONS_DIR = join(__dirname, 'migrations');

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any constant works; it only has to be the same for every process migrating this database.
const MIGRATION_LOCK_KEY = 7_311_505;

export interface Migration {
  readonly version: string;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

/** Reads `NNNN_name.sql` files in order; refuses odd names and reused numbers. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const seen = new Set<string>();
  return files.map((file) => {
    const match = FILE_NAME.exec(file);
    if (!match) {
      throw new MigrationError(
        MigrationErrorCode.BadFileName,
        `Migration ${file} must be named NNNN_name.sql`,
      );
    }
    const [, version, name] = match;
    if (seen.has(version)) {
      throw new MigrationError(
        MigrationErrorCode.DuplicateNumber,
        `Migration number ${version} is used twice`,
      );
    }
    seen.add(version);
    const sql = readFileSync(join(dir, file), 'utf8');
    return { version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so several processes
 * starting at once apply each file exactly once. A file that changed after it was applied stops
 * the process: merged migrations are never edited, a change gets a new number.
 * Returns the versions applied by this call.
 */
export async function runMigrations(client: SqlClient, migrations = readMigrations()): Promise<string[]> {
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version text PRIMARY KEY,
         name text NOT NULL,
         checksum text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await tx.query<{ version: string; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations',
    );
    const applied = new Map(rows.map((r) => [r.version, r.checksum]));
    const done: string[] = [];
    for (const m of migrations) {
      const checksum = applied.get(m.version);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) {
          throw new MigrationError(
            MigrationErrorCode.ChecksumMismatch,
            `Migration ${m.version}_${m.name} changed after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
      done.push(m.version);
    }
    return done;
  });
}
