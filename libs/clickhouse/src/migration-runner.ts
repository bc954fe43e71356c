import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ClickHouseService } from './clickhouse.service';

export const MIGRATIONS_DIR = join(__dirname, 'migrations');

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
  const versions = new Set<number>();
  for (const m of migrations) {
    if (versions.has(m.version)) throw new Error(`ClickHouse migration number ${m.version} is used twice`);
    versions.add(m.version);
  }
  return migrations;
}

/** Statements of one file: split on `;` at the end of a line; comment-only chunks dropped. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}

/**
 * Applies the numbered migrations that are not yet recorded in `schema_migrations`, in order.
 * An applied migration whose file changed since is an error: migrations are never edited.
 */
export async function runMigrations(ch: ClickHouseService, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  await ch.command(`CREATE DATABASE IF NOT EXISTS ${ch.database}`);
  await ch.command(
    ch.sql(`CREATE TABLE IF NOT EXISTS {{db}}.schema_migrations
      (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
      ENGINE = ReplacingMergeTree ORDER BY version`),
  );
  const applied = new Map(
    (
      await ch.query<{ version: number; checksum: string }>(
        ch.sql('SELECT version, checksum FROM {{db}}.schema_migrations FINAL'),
      )
    ).map((r) => [Number(r.version), r.checksum]),
  );
  const done: string[] = [];
  for (const m of readMigrations(dir)) {
    const seen = applied.get(m.version);
    if (seen !== undefined) {
      if (seen !== m.checksum) {
        throw new Error(
          `ClickHouse migration ${m.name} was changed after it was applied; add a new migration instead`,
        );
      }
      continue;
    }
    for (const statement of splitStatements(m.sql)) await ch.command(ch.sql(statement));
    await ch.insert('schema_migrations', [{ version: m.version, name: m.name, checksum: m.checksum }], {
      dedupToken: `migration-${m.version}-${m.checksum}`,
    });
    done.push(m.name);
  }
  await ch.dropStaleLookupTables();
  return done;
}
