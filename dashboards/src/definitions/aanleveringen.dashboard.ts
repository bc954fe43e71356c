import { DashboardDefinition } from '../panel-kit';
import { PARTICIPANTS_ALL } from './shared';

const WHO = '$__conditionalAll(participant_id IN (${participant}), $participant)';

/** Deliveries per participant: technisch OK or not, functional errors, late or missing deliveries. */
export const AANLEVERINGEN: DashboardDefinition = {
  uid: 'aanleveringen',
  file: 'aanleveringen',
  title: 'Aanleveringen',
  description:
    'Aanleveringen per deelnemer: technisch OK en niet OK, functionele fouten per regel, te late of ontbrekende aanleveringen (minstens elk uur).',
  tags: ['ketenmonitor', 'medmij'],
  time: { from: 'now-24h', to: 'now' },
  variables: [PARTICIPANTS_ALL],
  panels: [
    {
      title: 'Aanleveringen per deelnemer',
      type: 'table',
      datasource: 'clickhouse',
      w: 24,
      h: 8,
      targets: [
        {
          refId: 'A',
          sql: `SELECT participant_id AS deelnemer, count() AS aanleveringen,
  countIf(technisch_ok) AS ok, countIf(NOT technisch_ok) AS niet_ok,
  sum(line_count) AS regels, sum(stored_count) AS opgeslagen, sum(duplicate_count) AS dubbel,
  sum(valid_count) AS geldig, sum(invalid_count) AS ongeldig, sum(rejected_count) AS afgewezen,
  max(received_at) AS laatste_aanlevering
FROM aanleveringen FINAL
WHERE $__timeFilter(received_at) AND ${WHO}
GROUP BY deelnemer
ORDER BY niet_ok DESC, deelnemer`,
          baseline: `SELECT participant_id AS deelnemer, uniqExact(aanlevering_id) AS aanleveringen, count() AS opgeslagen,
  countIf(valid) AS geldig, countIf(NOT valid) AS ongeldig
FROM ketenlog_events
WHERE $__timeFilter(received_at) AND ${WHO}
GROUP BY deelnemer
ORDER BY deelnemer`,
        },
      ],
    },
    {
      title: 'Technisch OK en niet OK per uur',
      type: 'timeseries',
      datasource: 'clickhouse',
      w: 12,
      h: 8,
      targets: [
        {
          refId: 'A',
          format: 'time_series',
          sql: `SELECT $__timeInterval(received_at) AS time, countIf(technisch_ok) AS ok,
  countIf(NOT technisch_ok) AS niet_ok
FROM aanleveringen FINAL
WHERE $__timeFilter(received_at) AND ${WHO}
GROUP BY time
ORDER BY time`,
        },
      ],
    },
    {
      title: 'Functionele fouten per regel',
      description: 'Opgeslagen maar ongeldige regels, per functionele controle.',
      type: 'table',
      datasource: 'clickhouse',
      w: 12,
      h: 8,
      targets: [
        {
          refId: 'A',
          sql: `SELECT participant_id AS deelnemer, rule AS regel, sum(n) AS regels
FROM aanleveringen FINAL
ARRAY JOIN mapKeys(functional_errors) AS rule, mapValues(functional_errors) AS n
WHERE $__timeFilter(received_at) AND ${WHO}
GROUP BY deelnemer, regel
ORDER BY regels DESC, deelnemer, regel`,
          baseline: `SELECT participant_id AS deelnemer, code AS regel, count() AS regels
FROM ketenlog_events
ARRAY JOIN error_codes AS code
WHERE $__timeFilter(received_at) AND NOT valid AND ${WHO}
GROUP BY deelnemer, regel
ORDER BY regels DESC, deelnemer, regel`,
        },
      ],
    },
    {
      title: 'Technisch niet OK: afgewezen per regel',
      description: 'Afgewezen regels en berichten (ketenlog_rejections) per schendende controle.',
      type: 'table',
      datasource: 'clickhouse',
      w: 12,
      h: 8,
      targets: [
        {
          refId: 'A',
          sql: `SELECT participant_id AS deelnemer, rule AS regel, count() AS afgewezen
FROM ketenlog_rejections
ARRAY JOIN rule_ids AS rule
WHERE $__timeFilter(received_at) AND ${WHO}
GROUP BY deelnemer, regel
ORDER BY afgewezen DESC, deelnemer, regel`,
        },
      ],
    },
    {
      title: 'Te late of ontbrekende aanleveringen',
      description:
        'Deelnemers leveren minstens elk uur aan: volle uren in de periode zonder aanlevering, en minuten sinds de laatste (> 60 is te laat).',
      type: 'table',
      datasource: 'clickhouse',
      w: 12,
      h: 8,
      targets: [
        {
          refId: 'A',
          sql: `SELECT participant_id AS deelnemer, max(received_at) AS laatste_aanlevering,
  dateDiff('minute', max(received_at), $__toTime) AS minuten_sinds_laatste,
  greatest(intDiv(toInt64(toStartOfHour($__toTime)) - toInt64(toStartOfHour(addSeconds($__fromTime, 3599))), 3600), 0)
    - uniqExactIf(toStartOfHour(received_at),
        received_at >= toStartOfHour(addSeconds($__fromTime, 3599)) AND received_at < toStartOfHour($__toTime))
    AS uren_zonder_aanlevering
FROM aanleveringen FINAL
WHERE $__timeFilter(received_at) AND ${WHO}
GROUP BY deelnemer
HAVING minuten_sinds_laatste > 60 OR uren_zonder_aanlevering > 0
ORDER BY minuten_sinds_laatste DESC, deelnemer`,
        },
      ],
    },
  ],
};
