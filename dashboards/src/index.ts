import { AANLEVERINGEN } from './definitions/aanleveringen.dashboard';
import { DEELNEMER } from './definitions/deelnemer.dashboard';
import { INCIDENTEN } from './definitions/incidenten.dashboard';
import { KETEN } from './definitions/keten.dashboard';
import { KETENOVERZICHT } from './definitions/ketenoverzicht.dashboard';
import { PLATFORM } from './definitions/platform.dashboard';
import { ZORGAANBIEDER_DASHBOARD } from './definitions/zorgaanbieder.dashboard';
import { DashboardDefinition, DatasourceKind, buildDashboard } from './panel-kit';

export {
  ALL,
  MacroContext,
  expandClickHouseMacros,
  expandPostgresMacros,
  qualifyTables,
} from './grafana-macros';
export { checkPromql } from './promql-check';
export {
  DATASOURCES,
  DashboardDefinition,
  DatasourceKind,
  PanelDefinition,
  VariableDefinition,
  buildDashboard,
} from './panel-kit';

/** Every dashboard, in menu order. */
export const DASHBOARDS: readonly DashboardDefinition[] = [
  KETENOVERZICHT,
  DEELNEMER,
  ZORGAANBIEDER_DASHBOARD,
  AANLEVERINGEN,
  KETEN,
  INCIDENTEN,
  PLATFORM,
];

export interface PanelQuerySpec {
  dashboard: string;
  panel: string;
  refId: string;
  datasource: DatasourceKind;
  /** The raw query text as it appears in the Grafana JSON (macros, $vars). */
  sql: string;
  /** ClickHouse only: the same figure computed from ketenlog_events directly (bench comparison). */
  rawBaselineSql?: string;
}

/** Every panel target of every dashboard (dashboard = its uid, panel = its title). */
export function panelQueries(): PanelQuerySpec[] {
  return DASHBOARDS.flatMap((d) =>
    d.panels.flatMap((p): PanelQuerySpec[] =>
      p.datasource === 'prometheus'
        ? p.targets.map((t) => ({
            dashboard: d.uid,
            panel: p.title,
            refId: t.refId,
            datasource: p.datasource,
            sql: t.expr,
          }))
        : p.targets.map((t) => ({
            dashboard: d.uid,
            panel: p.title,
            refId: t.refId,
            datasource: p.datasource,
            sql: t.sql,
            ...(t.baseline ? { rawBaselineSql: t.baseline } : {}),
          })),
    ),
  );
}

export interface VariableQuerySpec {
  dashboard: string;
  variable: string;
  datasource: 'clickhouse' | 'postgres';
  sql: string;
}

/** Every query variable's SQL (they run when a dashboard loads). */
export function variableQueries(): VariableQuerySpec[] {
  return DASHBOARDS.flatMap((d) =>
    d.variables.flatMap((v) =>
      v.query && v.datasource
        ? [{ dashboard: d.uid, variable: v.name, datasource: v.datasource, sql: v.query }]
        : [],
    ),
  );
}

/** The generated file's text: stable key order as built, two-space indent, final newline. */
export function dashboardJson(def: DashboardDefinition): string {
  return `${JSON.stringify(buildDashboard(def), null, 2)}\n`;
}
