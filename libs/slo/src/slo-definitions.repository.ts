import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ClickHouseService } from '@app/clickhouse';
import { chDateTime } from '@app/chains';
import { SloDefinition, SloDefinitionError, SloDocument, parseSloDocument } from './slo-definition';

/** The definitions shipped with the code. */
export const DEFAULT_DEFINITIONS_DIR = join(__dirname, '..', 'definitions');

const ALL_VERSIONS = `
  SELECT name, version, document, deleted, changed_by, toUnixTimestamp64Milli(changed_at) AS changed_ms
  FROM {{db}}.slo_definitions FINAL
  ORDER BY name, version`;

const VERSIONS_OF = `
  SELECT name, version, document, deleted, changed_by, toUnixTimestamp64Milli(changed_at) AS changed_ms
  FROM {{db}}.slo_definitions FINAL WHERE name = {name:String}
  ORDER BY version`;

interface Row {
  name: string;
  version: number;
  document: string;
  deleted: boolean;
  changed_by: string;
  changed_ms: string;
}

export interface DefinitionVersion extends SloDefinition {
  readonly deleted: boolean;
  readonly changedBy: string;
  readonly changedAt: string;
}

/** Reads the shipped (or extra) definition files: `{ definitions: SloDocument[] }` per file. */
export function readDefinitionFiles(dirs: readonly string[]): SloDocument[] {
  const docs: SloDocument[] = [];
  for (const dir of dirs) {
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { definitions: unknown[] };
      docs.push(...parsed.definitions.map(parseSloDocument));
    }
  }
  return docs;
}

/**
 * slo_definitions: every version of every SLO document. The active set is the highest version
 * of each name, unless that version is a deletion. Nothing is overwritten: a change is a new
 * version, so what an alert was evaluated against can always be read back.
 */
export class SloDefinitionsRepository {
  private readonly allSql: string;
  private readonly versionsSql: string;
  /** The active set is read every cycle and on every API read; it changes rarely. */
  private cache: { atMs: number; definitions: Promise<SloDefinition[]> } | undefined;
  private static readonly CACHE_MS = 5_000;

  constructor(private readonly ch: ClickHouseService) {
    this.allSql = ch.sql(ALL_VERSIONS);
    this.versionsSql = ch.sql(VERSIONS_OF);
  }

  /** Seeds version 1 of each given document whose name has no version yet. Returns the names seeded. */
  async seed(documents: readonly SloDocument[], nowMs = Date.now()): Promise<string[]> {
    const existing = new Set((await this.ch.query<Row>(this.allSql)).map((r) => r.name));
    const fresh = documents.filter((d) => !existing.has(d.metadata.name));
    this.cache = undefined;
    await this.ch.insert(
      'slo_definitions',
      fresh.map((d) => ({
        name: d.metadata.name,
        version: 1,
        document: JSON.stringify(d),
        deleted: false,
        changed_by: 'system:defaults',
        changed_at: chDateTime(nowMs),
      })),
      // The same seed from two replicas starting together folds into one insert.
      { dedupToken: `slo-seed-${fresh.map((d) => d.metadata.name).join(',')}` },
    );
    return fresh.map((d) => d.metadata.name);
  }

  active(): Promise<SloDefinition[]> {
    const now = Date.now();
    if (!this.cache || now - this.cache.atMs > SloDefinitionsRepository.CACHE_MS) {
      const definitions = this.readActive();
      definitions.catch(() => (this.cache = undefined));
      this.cache = { atMs: now, definitions };
    }
    return this.cache.definitions;
  }

  private async readActive(): Promise<SloDefinition[]> {
    const latest = new Map<string, Row>();
    for (const r of await this.ch.query<Row>(this.allSql)) latest.set(r.name, r);
    return [...latest.values()]
      .filter((r) => !r.deleted)
      .map((r) => ({
        name: r.name,
        version: Number(r.version),
        document: JSON.parse(r.document) as SloDocument,
      }));
  }

  async versions(name: string): Promise<DefinitionVersion[]> {
    return (await this.ch.query<Row>(this.versionsSql, { name })).map((r) => ({
      name: r.name,
      version: Number(r.version),
      document: JSON.parse(r.document) as SloDocument,
      deleted: Boolean(r.deleted),
      changedBy: r.changed_by,
      changedAt: new Date(Number(r.changed_ms)).toISOString(),
    }));
  }

  /** Stores a new version of `name` (validated); returns it. */
  async save(name: string, input: unknown, changedBy: string, nowMs = Date.now()): Promise<SloDefinition> {
    const document = parseSloDocument(input);
    if (document.metadata.name !== name) {
      throw new SloDefinitionError([
        `/metadata/name (${document.metadata.name}) must equal the name in the path (${name})`,
      ]);
    }
    const current = await this.versions(name);
    const version = (current.at(-1)?.version ?? 0) + 1;
    this.cache = undefined;
    await this.ch.insert('slo_definitions', [
      {
        name,
        version,
        document: JSON.stringify(document),
        deleted: false,
        changed_by: changedBy,
        changed_at: chDateTime(nowMs),
      },
    ]);
    return { name, version, document };
  }
}
