import { DashboardDefinition } from '../panel-kit';
import { GEGEVENSDIENST, ZORGAANBIEDER } from './shared';

const SCOPE = `zorgaanbieder = '\${zorgaanbieder}' AND $__conditionalAll(gegevensdienst IN (\${gegevensdienst}), $gegevensdienst)`;
const FIGURES = `sum(chains) AS ketens,
  1 - sumIf(chains, outcome = 'error' AND server_side = 1) / sum(chains) AS beschikbaarheid,
  sumIf(chains, outcome = 'error') / sum(chains) AS foutpercentage,
  sumIf(chains, outcome = 'happy') / sum(chains) AS happy_flow`;

/** One zorgaanbieder across its DVAs, the DVPs that reach it and its gegevensdiensten. */
export const ZORGAANBIEDER_DASHBOARD: DashboardDefinition = {
  uid: 'zorgaanbieder',
  file: 'zorgaanbieder',
  title: 'Zorgaanbieder',
  description: 'Eén zorgaanbieder over DVA’s, DVP’s en gegevensdiensten heen.',
  tags: ['ketenmonitor', 'medmij'],
  time: { from: 'now-7d', to: 'now' },
  variables: [ZORGAANBIEDER, GEGEVENSDIENST],
  panels: [
    {
      title: 'Per DVA en gegevensdienst',
      type: 'table',
      datasource: 'clickhouse',
      w: 12,
      h: 8,
      targets: [
        {
          refId: 'A',
          sql: `SELECT dva_id AS dva, gegevensdienst, ${FIGURES}
FROM chain_rollup_1h
WHERE $__timeFilter(hour) AND ${SCOPE}
GROUP BY dva, gegevensdienst
HAVING ketens > 0
ORDER BY dva, gegevensdienst`,
          baseline: `SELECT dva_id AS dva, gegevensdienst, count() AS ketens,
  1 - countIf(outcome = 'error' AND server_side = 1) / count() AS beschikbaarheid
FROM (SELECT trace_id, argMax(outcome, decided_at) AS outcome, argMax(server_side, decided_at) AS server_side,
        argMax(chain_start, decided_at) AS chain_start, argMax(dva_id, decided_at) AS dva_id,
        argMax(zorgaanbieder, decided_at) AS zorgaanbieder, argMax(gegevensdienst, decided_at) AS gegevensdienst
      FROM chain_outcomes GROUP BY trace_id)
WHERE $__timeFilter(chain_start) AND ${SCOPE}
GROUP BY dva, gegevensdienst
ORDER BY dva, gegevensdienst`,
        },
      ],
    },
    {
      title: 'Per DVP',
      type: 'table',
      datasource: 'clickhouse',
      w: 12,
      h: 8,
      targets: [
        {
          refId: 'A',
          sql: `SELECT dvp_id AS dvp, ${FIGURES}
FROM chain_rollup_1h
WHERE $__timeFilter(hour) AND ${SCOPE}
GROUP BY dvp
HAVING ketens > 0
ORDER BY foutpercentage DESC, dvp`,
        },
      ],
    },
    {
      title: 'Ketens per uur en uitkomst',
      type: 'timeseries',
      datasource: 'clickhouse',
      w: 16,
      h: 8,
      targets: [
        {
          refId: 'A',
          format: 'time_series',
          sql: `SELECT $__timeInterval(hour) AS time, outcome AS uitkomst, sum(chains) AS ketens
FROM chain_rollup_1h
WHERE $__timeFilter(hour) AND ${SCOPE}
GROUP BY time, uitkomst
HAVING ketens != 0
ORDER BY time, uitkomst`,
        },
      ],
    },
    {
      title: 'Hop-latenties',
      description: 'Per hop: aantal, aandeel binnen 2 s, p95 (ms).',
      type: 'table',
      datasource: 'clickhouse',
      w: 8,
      h: 8,
      targets: [
        {
          refId: 'A',
          sql: `SELECT hop, sum(hops) AS aantal, sum(le_2000) / sum(hops) AS binnen_2s,
  quantilesTDigestMerge(0.5, 0.95, 0.99)(latency)[2] AS p95_ms
FROM hop_rollup_1h
WHERE $__timeFilter(hour) AND ${SCOPE}
GROUP BY hop
ORDER BY hop`,
        },
      ],
    },
  ],
};
