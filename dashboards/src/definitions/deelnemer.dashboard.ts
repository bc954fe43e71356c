import { DashboardDefinition } from '../panel-kit';
import { OWN, OWN_SERVER_SIDE, PARTICIPANT, ROLE } from './shared';

const ENTITY = '${role}:${participant}';

/**
 * The participant's hop states in the range. Percentiles cost one t-digest merge per stored
 * state: a big DVP's 30 days are some 250k hourly states, so ranges over 48 hours read the daily
 * rollup (whole days: the first and last day count in full) and shorter ones the hourly rollup.
 * The range test is a constant, so the branch not taken reads nothing.
 */
const LONG_RANGE = `dateDiff('hour', $__fromTime, $__toTime) > 48`;
const HOPS_IN_RANGE = `SELECT dvp_id, dva_id, hop, direction, hops, le_2000, latency FROM hop_rollup_pair_1d
    WHERE ${LONG_RANGE} AND day >= toDate($__fromTime) AND day <= toDate($__toTime) AND ${OWN}
  UNION ALL
  SELECT dvp_id, dva_id, hop, direction, hops, le_2000, latency FROM hop_rollup_pair_1h
    WHERE NOT ${LONG_RANGE} AND $__timeFilter(hour) AND ${OWN}`;

/** One DVP or DVA: its SLIs, SLO budget, hops, clock, deliveries, worst zorgaanbieders, failures. */
export const DEELNEMER: DashboardDefinition = {
  uid: 'deelnemer',
  file: 'deelnemer',
  title: 'Deelnemer',
  description:
    'Eén DVP of DVA: SLI’s, SLO-budget en burn rates, hops, klokverschil, aanleveringen, storingen.',
  tags: ['ketenmonitor', 'medmij'],
  time: { from: 'now-24h', to: 'now' },
  variables: [ROLE, PARTICIPANT],
  panels: [
    {
      title: 'SLI’s',
      description:
        'Beschikbaarheid (ketens zonder serverfout van deze deelnemer), foutpercentage, happy flow, eenzijdig en volledigheid over de periode.',
      type: 'stat',
      datasource: 'clickhouse',
      w: 24,
      h: 5,
      unit: 'percentunit',
      targets: [
        {
          refId: 'A',
          sql: `SELECT sum(chains) AS ketens,
  1 - sumIf(chains, outcome = 'error' AND server_side = ${OWN_SERVER_SIDE}) / sum(chains) AS beschikbaarheid,
  sumIf(chains, outcome = 'error') / sum(chains) AS foutpercentage,
  sumIf(chains, outcome = 'happy') / sum(chains) AS happy_flow,
  sumIf(chains, outcome = 'one_sided') / sum(chains) AS eenzijdig,
  sumIf(chains, dvp_logged = 1 AND dva_logged = 1) / sumIf(chains, if('\${role}' = 'dvp', dvp_logged, dva_logged) = 1) AS volledigheid
FROM chain_rollup_pair_1h
WHERE $__timeFilter(hour) AND ${OWN}`,
          baseline: `SELECT count() AS ketens,
  1 - countIf(outcome = 'error' AND server_side = ${OWN_SERVER_SIDE}) / count() AS beschikbaarheid,
  countIf(outcome = 'error') / count() AS foutpercentage
FROM (SELECT trace_id, argMax(outcome, decided_at) AS outcome, argMax(server_side, decided_at) AS server_side,
        argMax(chain_start, decided_at) AS chain_start, argMax(dvp_id, decided_at) AS dvp_id, argMax(dva_id, decided_at) AS dva_id
      FROM chain_outcomes GROUP BY trace_id)
WHERE $__timeFilter(chain_start) AND ${OWN}`,
        },
      ],
    },
    {
      title: 'SLO-foutbudget',
      description: 'Resterend foutbudget per SLO (rule worker, Prometheus).',
      type: 'bargauge',
      datasource: 'prometheus',
      w: 8,
      h: 8,
      unit: 'percentunit',
      targets: [
        {
          refId: 'A',
          expr: `ketenmonitor_slo_error_budget_remaining{entity="${ENTITY}"}`,
          legend: '{{slo}}',
        },
      ],
    },
    {
      title: 'Burn rates',
      description: 'Verbruikssnelheid van het foutbudget per SLO en venster.',
      type: 'timeseries',
      datasource: 'prometheus',
      w: 16,
      h: 8,
      targets: [
        {
          refId: 'A',
          expr: `max by (slo, window) (ketenmonitor_slo_burn_rate{entity="${ENTITY}"})`,
          legend: '{{slo}} {{window}}',
        },
      ],
    },
    {
      title: 'Hop-latenties',
      description: 'Per hop: aantal, aandeel binnen 2 s en percentielen (ms, inclusief klokverschil).',
      type: 'table',
      datasource: 'clickhouse',
      w: 12,
      h: 9,
      targets: [
        {
          refId: 'A',
          sql: `SELECT hop, direction AS richting, sum(hops) AS aantal, sum(le_2000) / sum(hops) AS binnen_2s,
  quantilesTDigestMerge(0.5, 0.95, 0.99)(latency) AS q, q[1] AS p50_ms, q[2] AS p95_ms, q[3] AS p99_ms
FROM (${HOPS_IN_RANGE})
GROUP BY hop, richting
ORDER BY hop, richting`,
          baseline: `SELECT hop, direction AS richting, count() AS aantal, countIf(latency_ms <= 2000) / count() AS binnen_2s,
  quantileTDigest(0.95)(toFloat64(latency_ms)) AS p95_ms
FROM hops
WHERE $__timeFilter(sent_at) AND ${OWN}
GROUP BY hop, richting
ORDER BY hop, richting`,
        },
      ],
    },
    {
      title: 'Klokverschil per tegenpartij',
      description:
        'Schatting: (mediaan DVP->DVA - mediaan DVA->DVP) / 2 per paar; positief = klok van de DVA loopt voor.',
      type: 'table',
      datasource: 'clickhouse',
      w: 12,
      h: 9,
      unit: 'ms',
      targets: [
        {
          refId: 'A',
          // One merge per pair and direction, then the two medians side by side.
          sql: `SELECT tegenpartij,
  (anyIf(mediaan, direction = 'DVP->DVA') - anyIf(mediaan, direction = 'DVA->DVP')) / 2 AS klokverschil_ms,
  sum(n) AS aantal_hops
FROM (
  SELECT if('\${role}' = 'dvp', dva_id, dvp_id) AS tegenpartij, direction,
    quantilesTDigestMerge(0.5, 0.95, 0.99)(latency)[1] AS mediaan, sum(hops) AS n
  FROM (${HOPS_IN_RANGE})
  GROUP BY tegenpartij, direction)
GROUP BY tegenpartij
HAVING countIf(direction = 'DVP->DVA') > 0 AND countIf(direction = 'DVA->DVP') > 0
ORDER BY abs(klokverschil_ms) DESC`,
        },
      ],
    },
    {
      title: 'Klokverschil (rule worker)',
      type: 'timeseries',
      datasource: 'prometheus',
      w: 8,
      h: 8,
      unit: 's',
      targets: [
        {
          refId: 'A',
          expr: `ketenmonitor_clock_skew_seconds{participant="\${participant}"}`,
          legend: 'klokverschil',
        },
      ],
    },
    {
      title: 'Aanleveringen: versheid en kwaliteit',
      description:
        'Laatste aanlevering, leeftijd aan het eind van de periode, technisch OK en geldige regels.',
      type: 'stat',
      datasource: 'clickhouse',
      w: 16,
      h: 8,
      targets: [
        {
          refId: 'A',
          sql: `SELECT max(received_at) AS laatste_aanlevering,
  dateDiff('second', max(received_at), $__toTime) AS leeftijd_s,
  count() AS aanleveringen,
  countIf(technisch_ok) / count() AS aandeel_technisch_ok,
  sum(valid_count) / greatest(sum(stored_count), 1) AS geldige_regels
FROM aanleveringen FINAL
WHERE $__timeFilter(received_at) AND participant_id = '\${participant}'`,
        },
      ],
    },
    {
      title: 'Slechtste zorgaanbieders',
      description: 'Zorgaanbieders met het hoogste foutpercentage bij deze deelnemer.',
      type: 'table',
      datasource: 'clickhouse',
      w: 12,
      h: 9,
      targets: [
        {
          refId: 'A',
          sql: `SELECT zorgaanbieder, sum(chains) AS ketens,
  1 - sumIf(chains, outcome = 'error' AND server_side = 1) / sum(chains) AS beschikbaarheid,
  sumIf(chains, outcome = 'error') / sum(chains) AS foutpercentage
FROM chain_rollup_1h
WHERE $__timeFilter(hour) AND ${OWN} AND zorgaanbieder != ''
GROUP BY zorgaanbieder
HAVING ketens > 0
ORDER BY foutpercentage DESC, beschikbaarheid, ketens DESC, zorgaanbieder
LIMIT 10`,
        },
      ],
    },
    {
      title: 'Recente mislukte ketens',
      description: 'Fout, afgehaakt of eenzijdig; klik op een keten_id (trace_id) voor het Keten-dashboard.',
      type: 'table',
      datasource: 'clickhouse',
      w: 12,
      h: 9,
      links: [
        { title: 'Keten', url: '/d/keten/keten?var-trace_id=${__data.fields.keten_id}&${__url_time_range}' },
      ],
      targets: [
        {
          refId: 'A',
          // Candidates from failed_chains (one primary-key range per participant), then the
          // latest decision of just those chains by primary key: a late line may have changed it.
          sql: `SELECT toString(trace_id) AS keten_id, argMax(chain_start, decided_at) AS start,
  argMax(outcome, decided_at) AS uitkomst, argMax(error_area, decided_at) AS foutgebied,
  argMax(furthest_event, decided_at) AS laatste_stap, argMax(dvp_id, decided_at) AS dvp,
  argMax(dva_id, decided_at) AS dva, argMax(zorgaanbieder, decided_at) AS zorgaanbieder
FROM chain_outcomes
WHERE trace_id IN (
  SELECT trace_id FROM failed_chains
  WHERE role = '\${role}' AND participant_id = '\${participant}' AND $__timeFilter(chain_start)
  ORDER BY chain_start DESC
  LIMIT 200)
GROUP BY trace_id
HAVING uitkomst IN ('error', 'abandoned', 'one_sided')
ORDER BY start DESC
LIMIT 50`,
          baseline: `SELECT toString(trace_id) AS keten_id, chain_start AS start, outcome AS uitkomst
FROM chain_outcomes FINAL
WHERE $__timeFilter(chain_start) AND outcome IN ('error', 'abandoned', 'one_sided') AND ${OWN}
ORDER BY start DESC
LIMIT 50`,
        },
      ],
    },
  ],
};
