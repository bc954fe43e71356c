import { PgliteSqlClient, SqlClient, runMigrations } from '@app/postgres';
import { PanelQuerySpec, VariableQuerySpec, expandPostgresMacros } from '../../dashboards/src';
import { GEGEVENSDIENSTEN, Scenario } from './generate';
import { PanelResult, PanelRunOptions, RANGES } from './panels';
import { timeRuns } from './timing';

/** Two years of incidents and compliance cases at a national rate (about 27 and 4 a day). */
export const INCIDENTS = 20_000;
export const COMPLIANCE_CASES = 3_000;
const OPEN = 40;

/**
 * The registry and the workflow tables the PostgreSQL panels and variables read, seeded with
 * generate_series in an embedded PGlite of the bench's own (never the shared DATABASE_URL):
 * the scenario's participants and zorgaanbieders, and two years of incidents (80% from alerts,
 * the newest 40 still open) and compliance cases (the newest 20 open) up to the scenario's end.
 */
export async function seedPostgres(dataDir: string, s: Scenario, endMs: number): Promise<SqlClient> {
  const sql = await PgliteSqlClient.open(dataDir);
  await runMigrations(sql);
  const end = new Date(endMs).toISOString();
  await sql.query(
    `INSERT INTO participants (id, role, display_name)
     SELECT 'dvp-' || i, 'DVP', 'PGO ' || i FROM generate_series(0, $1::int - 1) i
     UNION ALL SELECT 'dva-' || i, 'DVA', 'DVA ' || i FROM generate_series(0, $2::int - 1) i`,
    [s.dvps, s.dvas],
  );
  await sql.query(
    `INSERT INTO zorgaanbieders (naam, display_name, dva_id, gegevensdiensten)
     SELECT 'za-' || i, 'Zorgaanbieder ' || i, 'dva-' || (i % $2::int),
            jsonb_build_array(jsonb_build_object('id', $3::jsonb ->> (i % 7)), jsonb_build_object('id', $3::jsonb ->> ((i + 1) % 7)))
     FROM generate_series(0, $1::int - 1) i`,
    [s.zorgaanbieders, s.dvas, JSON.stringify(GEGEVENSDIENSTEN)],
  );
  await sql.query(
    `INSERT INTO incidents (id, title, priority, status, source, dedup_key, affected_participants, created_by,
                            created_at, updated_at, acknowledged_at, resolved_at, closed_at)
     SELECT gen_random_uuid(), 'SLO beschikbaarheid geschonden: dva-' || (i % $4::int),
            (ARRAY['P1', 'P2', 'P3', 'P3', 'P4', 'P4'])[1 + i % 6],
            CASE WHEN i < $3 THEN (ARRAY['new', 'acknowledged', 'investigating', 'monitoring'])[1 + i % 4]
                 WHEN i % 20 = 7 THEN 'cancelled' WHEN i % 3 = 0 THEN 'resolved' ELSE 'closed' END,
            CASE WHEN i % 5 = 0 THEN 'manual' ELSE 'alert' END,
            CASE WHEN i < $3 AND i % 5 != 0 THEN 'dva:dva-' || i || '/availability' END,
            ARRAY['dva-' || (i % $4::int)], 'rule-worker', at, at,
            CASE WHEN i >= $3 OR i % 4 != 0 THEN at + (5 + i % 55) * interval '1 minute' END,
            CASE WHEN i >= $3 AND i % 20 != 7 THEN at + (30 + i % 600) * interval '1 minute' END,
            CASE WHEN i >= $3 AND i % 3 != 0 AND i % 20 != 7 THEN at + interval '3 days' END
     FROM (SELECT i, $1::timestamptz - i * (interval '730 days' / $2::int) AS at
           FROM generate_series(0, $2::int - 1) i) AS t`,
    [end, INCIDENTS, OPEN, s.dvas],
  );
  await sql.query(
    `INSERT INTO compliance_cases (id, participant_id, obligation, title, facts, status, source, response_due_at,
                                   created_by, created_at, updated_at, closed_at)
     SELECT gen_random_uuid(), CASE WHEN i % 2 = 0 THEN 'dvp-' || (i % $4::int) ELSE 'dva-' || (i % $5::int) END,
            'hourly-delivery', 'Uurlijkse aanlevering ontbreekt', 'Geen aanlevering in 3 uur',
            CASE WHEN i < $3 THEN (ARRAY['recorded', 'hearing', 'decided'])[1 + i % 3] ELSE 'closed' END,
            'signal', at + interval '14 days', 'compliance-worker', at, at,
            CASE WHEN i >= $3 THEN at + interval '30 days' END
     FROM (SELECT i, $1::timestamptz - i * (interval '730 days' / $2::int) AS at
           FROM generate_series(0, $2::int - 1) i) AS t`,
    [end, COMPLIANCE_CASES, OPEN / 2, s.dvps, s.dvas],
  );
  return sql;
}

/** Times the PostgreSQL panels (every range) and every query variable of the dashboards. */
export async function timePostgres(
  sql: SqlClient,
  panels: readonly PanelQuerySpec[],
  variables: readonly VariableQuerySpec[],
  endMs: number,
  o: PanelRunOptions,
  progress: (r: PanelResult) => void,
): Promise<PanelResult[]> {
  const results: PanelResult[] = [];
  const jobs = [
    ...panels.filter((p) => p.datasource === 'postgres').map((p) => ({ ...p, ranges: RANGES })),
    // Variables do not depend on the time range: timed once.
    ...variables
      .filter((v) => v.datasource === 'postgres')
      .map((v) => ({
        dashboard: v.dashboard,
        panel: `variable $${v.variable}`,
        refId: '',
        sql: v.sql,
        ranges: RANGES.slice(0, 1),
      })),
  ];
  for (const job of jobs) {
    for (const range of job.ranges) {
      const text = expandPostgresMacros(job.sql, {
        from: new Date(endMs - range.ms),
        to: new Date(endMs),
        intervalSeconds: range.intervalSeconds,
        variables: { role: 'dva' },
      });
      const panelTiming = await timeRuns(async () => (await sql.query(text)).rows.length, o.warmups, o.runs);
      const r = {
        dashboard: job.dashboard,
        panel: job.panel,
        refId: job.refId,
        case: 'PGlite',
        range: range.name,
      };
      results.push({ ...r, panelTiming, sql: text });
      progress(results[results.length - 1]);
    }
  }
  return results;
}
