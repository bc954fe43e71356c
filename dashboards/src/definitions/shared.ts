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

/**
 * The participant's own rows, by role. Written as an OR of two constant-guarded conditions, not
 * `if(role, dvp_id, dva_id) = ...`: the constant folds away and the primary key (dvp_id, dva_id
 * lead the pair rollups' sort key) prunes, which an if() hides from the index.
 */
export const OWN = `(('\${role}' = 'dvp' AND dvp_id = '\${participant}') OR ('\${role}' = 'dva' AND dva_id = '\${participant}'))`;
/** Error chains that count against the participant's availability (server_side 1 = DVA, 2 = DVP). */
export const OWN_SERVER_SIDE = `if('\${role}' = 'dvp', 2, 1)`;

/** Open incident statuses (libs/incidents/src/incident-status.ts). */
export const OPEN_INCIDENT = `status IN ('new', 'acknowledged', 'investigating', 'monitoring')`;
