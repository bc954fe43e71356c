import { rmSync } from 'node:fs';
import { ClickHouseService } from '@app/clickhouse';
import { IncidentService } from '@app/incidents';
import { SQL_CLIENT, SqlClient } from '@app/postgres';
import { CHDB_PATH, testClickHouse } from '../../support/engines';
import { IncidentApiHarness } from '../../incidents/support/incident-api.harness';
import { TestDatabase, createTestDatabase } from '../../incidents/support/test-database';
import { seedScenario, writeParticipantsFile } from './report-scenario';

/** Incidents of the scenario: [priority, affected, created, acknowledged after s, resolved after s]. */
export const INCIDENTS: ReadonlyArray<[string, string[], string, number, number | null]> = [
  ['P2', ['dva-x'], '2026-10-10T10:05:00Z', 600, 7200],
  // 23:45 local on 31 October: October.
  ['P3', ['dva-x', 'pgo-a'], '2026-10-31T22:45:00Z', 1800, 14400],
  // 00:10 local on 1 November: not October.
  ['P3', ['pgo-b'], '2026-10-31T23:10:00Z', 60, 120],
  ['P4', ['dva-y'], '2026-10-12T10:00:00Z', 3600, null],
];

export interface ReportHarness {
  readonly ch: ClickHouseService;
  readonly api: IncidentApiHarness;
  readonly participantsFile: string;
  readonly db: TestDatabase;
  close(): Promise<void>;
}

/**
 * The scenario month in a ClickHouse database and a PostgreSQL database of its own, and the
 * incident API (with the report endpoint) on both. Incidents go through the incident service
 * (create, acknowledge, resolve); their timestamps are then moved into the scenario month,
 * since the service stamps wall-clock time.
 */
export async function startReportHarness(env: Record<string, string> = {}): Promise<ReportHarness> {
  const ch = await testClickHouse();
  await seedScenario(ch);
  const db = await createTestDatabase('reports');
  const participantsFile = writeParticipantsFile();
  const api = await IncidentApiHarness.start({
    DATABASE_URL: db.url,
    CHDB_PATH,
    ...(process.env.CLICKHOUSE_URL ? { CLICKHOUSE_URL: process.env.CLICKHOUSE_URL } : {}),
    CLICKHOUSE_DATABASE: ch.database,
    PARTICIPANTS_FILE: participantsFile,
    ...env,
  });
  const incidents = api.app.get(IncidentService);
  const sql = api.app.get<SqlClient>(SQL_CLIENT);
  for (const [n, [priority, affected, created, ackAfter, resolveAfter]] of INCIDENTS.entries()) {
    let view = await incidents.create(
      { title: `Scenario incident ${n + 1}`, priority: priority as 'P2', affectedParticipants: affected },
      'e2e',
    );
    view = await incidents.transition(view.id, view.version, 'acknowledged', undefined, undefined, 'e2e');
    if (resolveAfter !== null) {
      view = await incidents.transition(view.id, view.version, 'resolved', undefined, undefined, 'e2e');
    }
    const createdMs = Date.parse(created);
    await sql.query(
      'UPDATE incidents SET created_at = $2, acknowledged_at = $3, resolved_at = $4 WHERE id = $1',
      [
        view.id,
        new Date(createdMs).toISOString(),
        new Date(createdMs + ackAfter * 1000).toISOString(),
        resolveAfter === null ? null : new Date(createdMs + resolveAfter * 1000).toISOString(),
      ],
    );
  }
  return {
    ch,
    api,
    participantsFile,
    db,
    async close() {
      await api.close();
      await db.drop();
      await ch.close();
      rmSync(participantsFile, { force: true });
    },
  };
}
