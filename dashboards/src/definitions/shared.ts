import { VariableDefinition } from '../panel-kit';

/**
 * Variables and SQL fragments shared by several dashboards. Variables read the participant
 * registry in PostgreSQL (participants, zorgaanbieders), not ClickHouse, so every registered
 * participant is listed even before its first line.
 */

/** Lower-case role (`dvp`/`dva`), as in the SLO entity keys (`dvp:<id>`). */
export const ROLE: VariableDefinition = {
  name: 'role',
  label: 'Rol',
  values: ['dvp', 'dva'],
  default: 'dvp',
};

export const PARTICIPANT: VariableDefinition = {
  name: 'participant',
  label: 'Deelnemer',
  datasource: 'postgres',
  query: `SELECT id FROM participants WHERE lower(role) = '\${role}' ORDER BY id`,
};

export const PARTICIPANTS_ALL: VariableDefinition = {
  name: 'participant',
  label: 'Deelnemer',
  datasource: 'postgres',
  query: 'SELECT id FROM participants ORDER BY id',
  multi: true,
  includeAll: true,
};

export const ZORGAANBIEDER: VariableDefinition = {
  name: 'zorgaanbieder',
  label: 'Zorgaanbieder',
  datasource: 'postgres',
  query: 'SELECT naam FROM zorgaanbieders ORDER BY naam',
};

export const GEGEVENSDIENST: VariableDefinition = {
  name: 'gegevensdienst',
  label: 'Gegevensdienst',
  datasource: 'postgres',
  // gegevensdiensten holds the ZAL's endpoints per dienst: [{ id, authorizationEndpoint, ... }].
  query: `SELECT DISTINCT g->>'id' AS gegevensdienst FROM zorgaanbieders, jsonb_array_elements(gegevensdiensten) AS g ORDER BY 1`,
  multi: true,
  includeAll: true,
};

/** The participant's own column in the rollups, by role. */
export const OWN_ID = `if('\${role}' = 'dvp', dvp_id, dva_id)`;
/** Error chains that count against the participant's availability (server_side 1 = DVA, 2 = DVP). */
export const OWN_SERVER_SIDE = `if('\${role}' = 'dvp', 2, 1)`;

/** Availability, error rate and happy-flow share of signed chain counts (SummingMergeTree rows). */
export function chainFigures(serverSide: string): string {
  return `sum(chains) AS ketens,
  1 - sumIf(chains, outcome = 'error' AND server_side = ${serverSide}) / sum(chains) AS beschikbaarheid,
  sumIf(chains, outcome = 'error') / sum(chains) AS foutpercentage,
  sumIf(chains, outcome = 'happy') / sum(chains) AS happy_flow`;
}

/** Open incident statuses (libs/incidents/src/incident-status.ts). */
export const OPEN_INCIDENT = `status IN ('new', 'acknowledged', 'investigating', 'monitoring')`;
