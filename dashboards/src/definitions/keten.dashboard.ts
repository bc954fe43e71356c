import { DashboardDefinition } from '../panel-kit';

/**
 * The chains the trace id or session id names. Two lookups joined by UNION rather than one OR:
 * each side can use its own bloom filter on ketenlog_events (an OR of the two cannot skip a
 * granule), and an empty session id folds to a constant false that reads nothing.
 */
const CHAIN_IDS = `SELECT trace_id FROM ketenlog_events
  WHERE $__timeFilter(event_time) AND trace_id = toUUIDOrZero(\${trace_id:sqlstring})
  UNION DISTINCT
  SELECT trace_id FROM ketenlog_events
  WHERE $__timeFilter(event_time) AND \${session_id:sqlstring} != '' AND session_id = \${session_id:sqlstring}`;

/** One chain, looked up by trace_id or session_id: every line of both parties in order. */
export const KETEN: DashboardDefinition = {
  uid: 'keten',
  file: 'keten',
  title: 'Keten',
  description: 'Eén keten, opgezocht op trace_id of session_id: alle regels van beide partijen op volgorde.',
  tags: ['ketenmonitor', 'medmij'],
  time: { from: 'now-7d', to: 'now' },
  variables: [
    { name: 'trace_id', label: 'Trace id', textbox: true, default: '' },
    { name: 'session_id', label: 'Session id', textbox: true, default: '' },
  ],
  panels: [
    {
      title: 'Uitkomst',
      description: 'De beslissing van de ketenfinalizer (laatste per keten).',
      type: 'table',
      datasource: 'clickhouse',
      w: 24,
      h: 5,
      targets: [
        {
          refId: 'A',
          sql: `SELECT toString(trace_id) AS keten_id, argMax(outcome, decided_at) AS uitkomst,
  argMax(error_area, decided_at) AS foutgebied, argMax(furthest_event, decided_at) AS laatste_stap,
  argMax(dvp_id, decided_at) AS dvp, argMax(dva_id, decided_at) AS dva,
  argMax(zorgaanbieder, decided_at) AS zorgaanbieder, argMax(gegevensdienst, decided_at) AS gegevensdienst,
  argMax(chain_start, decided_at) AS start, argMax(chain_end, decided_at) AS eind, argMax(lines, decided_at) AS regels
FROM chain_outcomes
WHERE trace_id IN (${CHAIN_IDS})
GROUP BY trace_id
ORDER BY start`,
        },
      ],
    },
    {
      title: 'Regels',
      description: 'Alle regels van beide partijen, op gebeurtenistijd (elk op de eigen klok).',
      type: 'table',
      datasource: 'clickhouse',
      w: 24,
      h: 14,
      targets: [
        {
          refId: 'A',
          sql: `SELECT event_time AS tijd, participant_id AS deelnemer, participant_role AS rol, event_type AS gebeurtenis,
  event_step AS stap, if(request_id != '', request_id, response_request_id) AS verzoek, response_status AS status,
  error_code AS foutcode, valid AS geldig, arrayStringConcat(error_codes, ', ') AS fouten,
  session_id, toString(trace_id) AS keten_id, received_at AS ontvangen
FROM ketenlog_events
WHERE $__timeFilter(event_time) AND trace_id IN (${CHAIN_IDS})
ORDER BY tijd, rol, stap`,
        },
      ],
    },
    {
      title: 'Hops',
      description: 'Verzonden en ontvangen berichten in paren; latentie inclusief klokverschil.',
      type: 'table',
      datasource: 'clickhouse',
      w: 24,
      h: 8,
      targets: [
        {
          refId: 'A',
          sql: `SELECT hop, direction AS richting, sender_id AS afzender, receiver_id AS ontvanger, sent_at AS verzonden,
  arrived_at AS ontvangen, latency_ms AS latentie_ms
FROM hops FINAL
WHERE trace_id IN (${CHAIN_IDS})
ORDER BY verzonden, hop`,
        },
      ],
    },
  ],
};
