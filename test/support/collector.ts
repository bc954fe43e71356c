import { INestApplication } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '@app/config';
import { readParticipantsFile } from '@app/participants';
import { createCollectorApp } from '../../apps/collector/src/collector.bootstrap';
import { CHDB_PATH, KAFKA_BROKERS, uniqueName } from './engines';

export interface TestParticipants {
  /** Suffix appended to every participant id, so this file's topics are its own. */
  readonly suffix: string;
  readonly file: string;
  id(base: string): string;
  topic(base: string): string;
}

/** A copy of deploy/local/participants.json whose ids carry a unique suffix. */
export function testParticipants(): TestParticipants {
  const suffix = uniqueName('t').replace('_', '').slice(0, 10);
  const snapshot = readParticipantsFile('deploy/local/participants.json');
  const rename = (id: string) => `${id}-${suffix}`;
  const file = join(mkdtempSync(join(tmpdir(), 'participants-')), 'participants.json');
  writeFileSync(
    file,
    JSON.stringify({
      participants: snapshot.participants.map((p) => ({ ...p, id: rename(p.id) })),
      zorgaanbieders: snapshot.zorgaanbieders.map((z) => ({ ...z, dvaId: rename(z.dvaId) })),
    }),
  );
  return { suffix, file, id: rename, topic: (base) => `ketenlog.${rename(base)}` };
}

/** Configuration for an in-process collector on the shared engines, isolated by database, group and topics. */
export function collectorConfig(
  participants: TestParticipants,
  database: string,
  env: Record<string, string> = {},
): AppConfig {
  return loadConfig({
    KAFKA_BROKERS: KAFKA_BROKERS.join(','),
    KAFKA_GROUP_ID: uniqueName('collector'),
    KAFKA_TOPIC_PATTERN: `^ketenlog\\..*-${participants.suffix}$`,
    KAFKA_TOPIC_REFRESH_MS: '1000',
    CLICKHOUSE_URL: process.env.CLICKHOUSE_URL ?? '',
    CHDB_PATH,
    CLICKHOUSE_DATABASE: database,
    PARTICIPANTS_FILE: participants.file,
    INGEST_BATCH_MAX_WAIT_MS: '50',
    INGEST_INSERT_RETRY_MAX_MS: '500',
    LOG_LEVEL: 'error',
    HTTP_PORT: '0',
    ...env,
  });
}

/** Starts the collector (Nest app + batch Kafka transport) in this process. */
export function startCollector(config: AppConfig): Promise<INestApplication> {
  return createCollectorApp(config);
}
