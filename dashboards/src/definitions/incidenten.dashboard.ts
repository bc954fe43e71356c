import { DashboardDefinition } from '../panel-kit';
import { OPEN_INCIDENT } from './shared';

const OPEN_CASE = `status IN ('recorded', 'hearing', 'decided')`;
const AGE_HOURS = (column: string) => `round((extract(epoch FROM now() - ${column}) / 3600)::numeric, 1)`;

/** Incidents and compliance cases (PostgreSQL): what is open, how old, how fast we react. */
export const INCIDENTEN: DashboardDefinition = {
  uid: 'incidenten',
  file: 'incidenten',
  title: 'Incidenten',
  description: 'Open incidenten en nalevingszaken naar prioriteit en leeftijd; MTTA en MTTR.',
  tags: ['ketenmonitor', 'medmij'],
  time: { from: 'now-30d', to: 'now' },
  variables: [],
  panels: [
    {
      title: 'Open incidenten per prioriteit',
      type: 'table',
      datasource: 'postgres',
      w: 12,
      h: 7,
      targets: [
        {
          refId: 'A',
          sql: `SELECT priority AS prioriteit, count(*) AS open,
  count(*) FILTER (WHERE status = 'new') AS niet_bevestigd,
  count(*) FILTER (WHERE now() - created_at > interval '1 day') AS ouder_dan_1_dag,
  ${AGE_HOURS('min(created_at)')} AS oudste_uur
FROM incidents
WHERE ${OPEN_INCIDENT}
GROUP BY priority
ORDER BY priority`,
        },
      ],
    },
    {
      title: 'Open nalevingszaken',
      type: 'table',
      datasource: 'postgres',
      w: 12,
      h: 7,
      targets: [
        {
          refId: 'A',
          sql: `SELECT status, count(*) AS open, count(*) FILTER (WHERE response_due_at < now()) AS reactie_verlopen,
  ${AGE_HOURS('min(created_at)')} AS oudste_uur
FROM compliance_cases
WHERE ${OPEN_CASE}
GROUP BY status
ORDER BY status`,
        },
      ],
    },
    {
      title: 'MTTA en MTTR per prioriteit',
      description:
        'Gemiddelde tijd tot bevestigen en tot oplossen (minuten) van incidenten geopend in de periode.',
      type: 'table',
      datasource: 'postgres',
      w: 12,
      h: 7,
      targets: [
        {
          refId: 'A',
          sql: `SELECT priority AS prioriteit, count(*) AS incidenten,
  round((avg(extract(epoch FROM acknowledged_at - created_at)) / 60)::numeric, 2) AS mtta_min,
  round((avg(extract(epoch FROM resolved_at - created_at)) / 60)::numeric, 2) AS mttr_min,
  count(*) FILTER (WHERE resolved_at IS NOT NULL) AS opgelost
FROM incidents
WHERE $__timeFilter(created_at) AND status NOT IN ('cancelled', 'merged')
GROUP BY priority
ORDER BY priority`,
        },
      ],
    },
    {
      title: 'Geopende incidenten per dag',
      type: 'timeseries',
      datasource: 'postgres',
      w: 12,
      h: 7,
      targets: [
        {
          refId: 'A',
          format: 'time_series',
          sql: `SELECT $__timeGroupAlias(created_at, '1d'), count(*) AS geopend
FROM incidents
WHERE $__timeFilter(created_at)
GROUP BY 1
ORDER BY 1`,
        },
      ],
    },
    {
      title: 'Open incidenten',
      type: 'table',
      datasource: 'postgres',
      w: 12,
      h: 9,
      targets: [
        {
          refId: 'A',
          sql: `SELECT number AS nr, priority AS prioriteit, status, title AS titel, source AS bron,
  coalesce(assignee, '') AS behandelaar, array_to_string(affected_participants, ', ') AS deelnemers,
  created_at AS geopend, ${AGE_HOURS('created_at')} AS leeftijd_uur
FROM incidents
WHERE ${OPEN_INCIDENT}
ORDER BY priority, created_at`,
        },
      ],
    },
    {
      title: 'Open nalevingszaken (lijst)',
      type: 'table',
      datasource: 'postgres',
      w: 12,
      h: 9,
      targets: [
        {
          refId: 'A',
          sql: `SELECT number AS nr, participant_id AS deelnemer, obligation AS verplichting, status, title AS titel,
  response_due_at AS reactie_voor, created_at AS geopend, ${AGE_HOURS('created_at')} AS leeftijd_uur
FROM compliance_cases
WHERE ${OPEN_CASE}
ORDER BY created_at`,
        },
      ],
    },
  ],
};
