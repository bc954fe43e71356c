import { DashboardDefinition } from '../panel-kit';
import { GEGEVENSDIENST, OPEN_INCIDENT } from './shared';

const GD_FILTER = '$__conditionalAll(gegevensdienst IN (${gegevensdienst}), $gegevensdienst)';

/** The whole network at a glance: exchanges, availability and errors per DVA and DVP, incidents. */
export const KETENOVERZICHT: DashboardDefinition = {
  uid: 'ketenoverzicht',
  file: 'ketenoverzicht',
  title: 'Ketenoverzicht',
  description:
    'Het hele MedMij-netwerk: uitwisselingen, beschikbaarheid en fouten per DVA en DVP, open incidenten.',
  tags: ['ketenmonitor', 'medmij'],
  time: { from: 'now-24h', to: 'now' },
  variables: [GEGEVENSDIENST],
  panels: [
    {
      title: 'Uitwisselingen per minuut',
      description:
        'Besliste ketens per minuut van start: per minuut uit chain_rollup_1m (8 dagen bewaard); ' +
        'begint het bereik eerder dan 7 dagen geleden, dan per uur uit chain_rollup_1h.',
      type: 'timeseries',
      datasource: 'clickhouse',
      w: 16,
      h: 8,
      unit: 'short',
      targets: [
        {
          refId: 'A',
          format: 'time_series',
          // chain_rollup_1m keeps 8 days: a range reaching further back reads the hourly rollup for
          // all of it, in buckets of at least an hour, so a 30-day view is complete rather than
          // showing its last 8 days only. The branch test is a constant: the other side reads nothing.
          sql: `WITH $__fromTime >= now() - INTERVAL 7 DAY AS recent,
     greatest($__interval_s, if(recent, 60, 3600)) AS step
SELECT toStartOfInterval(t, toIntervalSecond(step)) AS time, sum(chains) / (step / 60) AS ketens_per_minuut
FROM (
  SELECT minute AS t, chains FROM chain_rollup_1m
  WHERE recent AND $__timeFilter(minute) AND ${GD_FILTER}
  UNION ALL
  SELECT hour AS t, chains FROM chain_rollup_1h
  WHERE NOT recent AND $__timeFilter(hour) AND ${GD_FILTER}
)
GROUP BY time
ORDER BY time`,
          baseline: `SELECT $__timeInterval(event_time) AS time, uniqExact(trace_id) / greatest($__interval_s / 60, 1) AS ketens_per_minuut
FROM ketenlog_events
WHERE $__timeFilter(event_time)
GROUP BY time
ORDER BY time`,
        },
      ],
    },
    {
      title: 'Uitkomsten',
      description: 'Aandeel per uitkomst: happy flow, alternatief, fout, afgehaakt, eenzijdig.',
      type: 'piechart',
      datasource: 'clickhouse',
      w: 8,
      h: 8,
      targets: [
        {
          refId: 'A',
          sql: `SELECT outcome AS uitkomst, sum(chains) AS ketens
FROM chain_rollup_1h
WHERE $__timeFilter(hour) AND ${GD_FILTER}
GROUP BY uitkomst
HAVING ketens > 0
ORDER BY uitkomst`,
          baseline: `SELECT outcome AS uitkomst, count() AS ketens
FROM (SELECT trace_id, argMax(outcome, decided_at) AS outcome, argMax(chain_start, decided_at) AS chain_start
      FROM chain_outcomes GROUP BY trace_id)
WHERE $__timeFilter(chain_start)
GROUP BY uitkomst
ORDER BY uitkomst`,
        },
      ],
    },
    {
      title: 'Beschikbaarheid en foutpercentage per DVA',
      description: 'Alle gegevensdiensten. Beschikbaarheid: ketens zonder serverfout van de DVA.',
      type: 'table',
      datasource: 'clickhouse',
      w: 12,
      h: 9,
      unit: 'percentunit',
      targets: [
        {
          refId: 'A',
          sql: `SELECT dva_id AS dva, sum(chains) AS ketens,
  1 - sumIf(chains, outcome = 'error' AND server_side = 1) / sum(chains) AS beschikbaarheid,
  sumIf(chains, outcome = 'error') / sum(chains) AS foutpercentage
FROM chain_rollup_pair_1h
WHERE $__timeFilter(hour) AND dva_id != ''
GROUP BY dva
HAVING ketens > 0
ORDER BY beschikbaarheid, dva`,
        },
      ],
    },
    {
      title: 'Beschikbaarheid en foutpercentage per DVP',
      description: 'Alle gegevensdiensten. Beschikbaarheid: ketens zonder serverfout van de DVP.',
      type: 'table',
      datasource: 'clickhouse',
      w: 12,
      h: 9,
      unit: 'percentunit',
      targets: [
        {
          refId: 'A',
          sql: `SELECT dvp_id AS dvp, sum(chains) AS ketens,
  1 - sumIf(chains, outcome = 'error' AND server_side = 2) / sum(chains) AS beschikbaarheid,
  sumIf(chains, outcome = 'error') / sum(chains) AS foutpercentage
FROM chain_rollup_pair_1h
WHERE $__timeFilter(hour) AND dvp_id != ''
GROUP BY dvp
HAVING ketens > 0
ORDER BY beschikbaarheid, dvp`,
        },
      ],
    },
    {
      title: 'Deelnemers die nu een SLO schenden',
      description: 'Alerts die de rule worker nu laat afgaan (rule_alert_states).',
      type: 'table',
      datasource: 'clickhouse',
      w: 12,
      h: 8,
      targets: [
        {
          refId: 'A',
          sql: `SELECT entity AS entiteit, rule AS regel, tier AS niveau, severity AS ernst, summary AS samenvatting, changed_at AS sinds
FROM rule_alert_states FINAL
WHERE state = 'firing'
ORDER BY ernst, entiteit, regel, niveau`,
        },
      ],
    },
    {
      title: 'Open incidenten',
      type: 'table',
      datasource: 'postgres',
      w: 12,
      h: 8,
      targets: [
        {
          refId: 'A',
          sql: `SELECT number AS nr, priority AS prioriteit, status, title AS titel,
  array_to_string(affected_participants, ', ') AS deelnemers, created_at AS geopend,
  round((extract(epoch FROM now() - created_at) / 3600)::numeric, 1) AS leeftijd_uur
FROM incidents
WHERE ${OPEN_INCIDENT}
ORDER BY priority, created_at`,
        },
      ],
    },
  ],
};
