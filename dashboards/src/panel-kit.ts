import * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';

/**
 * A small typed layer over Grafana's foundation SDK: dashboards are declared as data
 * ({@link DashboardDefinition}) and built into Grafana dashboard JSON by {@link buildDashboard}.
 * The SDK has no ClickHouse or PostgreSQL query builder, so those targets are plain objects of
 * the datasource plugins' query shape (rawSql + format).
 */

export type DatasourceKind = 'clickhouse' | 'postgres' | 'prometheus';

/** The provisioned datasources (deploy/grafana/provisioning/datasources/ketenmonitor.yaml). */
export const DATASOURCES: Record<DatasourceKind, Required<common.DataSourceRef>> = {
  clickhouse: { type: 'grafana-clickhouse-datasource', uid: 'ketenmonitor-clickhouse' },
  postgres: { type: 'grafana-postgresql-datasource', uid: 'ketenmonitor-postgres' },
  prometheus: { type: 'prometheus', uid: 'ketenmonitor-prometheus' },
};

export interface SqlTarget {
  readonly refId: string;
  readonly sql: string;
  readonly format?: 'table' | 'time_series';
  /** The same figure straight from ketenlog_events (bench comparison only; not in the JSON). */
  readonly baseline?: string;
}

export interface PromTarget {
  readonly refId: string;
  readonly expr: string;
  readonly legend?: string;
}

export type PanelType = 'timeseries' | 'table' | 'stat' | 'bargauge' | 'piechart' | 'barchart';

interface PanelBase {
  readonly title: string;
  readonly description?: string;
  readonly type: PanelType;
  /** Grid width (of 24) and height. */
  readonly w: number;
  readonly h: number;
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  /** Data links on every field: title and URL (Grafana link variables allowed). */
  readonly links?: ReadonlyArray<{ title: string; url: string }>;
}

export interface SqlPanel extends PanelBase {
  readonly datasource: 'clickhouse' | 'postgres';
  readonly targets: readonly SqlTarget[];
}

export interface PromPanel extends PanelBase {
  readonly datasource: 'prometheus';
  readonly targets: readonly PromTarget[];
}

export type PanelDefinition = SqlPanel | PromPanel;

export interface VariableDefinition {
  readonly name: string;
  readonly label: string;
  /** A query variable (its SQL) or a custom one (fixed values). */
  readonly datasource?: 'clickhouse' | 'postgres';
  readonly query?: string;
  readonly values?: readonly string[];
  readonly multi?: boolean;
  /** Adds "All" (value `$__all`; use `$__conditionalAll` in SQL). */
  readonly includeAll?: boolean;
  readonly default?: string;
  /** A free-text variable (e.g. a trace id). */
  readonly textbox?: boolean;
}

export interface DashboardDefinition {
  readonly uid: string;
  /** File name under dashboards/generated (without .json). */
  readonly file: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly time: { readonly from: string; readonly to: string };
  readonly variables: readonly VariableDefinition[];
  readonly panels: readonly PanelDefinition[];
}

/** A target of the ClickHouse (editorType sql) or PostgreSQL (code mode) plugin. */
class SqlQueryBuilder implements cog.Builder<cog.Dataquery> {
  constructor(
    private readonly kind: 'clickhouse' | 'postgres',
    private readonly target: SqlTarget,
  ) {}

  build(): cog.Dataquery {
    const t = this.target;
    const timeSeries = t.format === 'time_series';
    const query =
      this.kind === 'clickhouse'
        ? {
            refId: t.refId,
            datasource: DATASOURCES.clickhouse,
            editorType: 'sql',
            // The plugin's QueryType (src/types/sql.ts) and the backend's format
            // (grafana-plugin-sdk-go sqlutil.FormatQueryOption: 0 time series, 1 table).
            queryType: timeSeries ? 'timeSeries' : 'table',
            format: timeSeries ? 0 : 1,
            rawSql: t.sql,
          }
        : {
            refId: t.refId,
            datasource: DATASOURCES.postgres,
            editorMode: 'code',
            rawQuery: true,
            format: timeSeries ? 'time_series' : 'table',
            rawSql: t.sql,
          };
    return query as unknown as cog.Dataquery;
  }
}

function panelBuilder(p: PanelDefinition, id: number, x: number, y: number): dashboard.PanelBuilder {
  const b = new dashboard.PanelBuilder()
    .id(id)
    .type(p.type)
    .title(p.title)
    .datasource(DATASOURCES[p.datasource])
    .gridPos({ x, y, w: p.w, h: p.h });
  if (p.description) b.description(p.description);
  if (p.unit) b.unit(p.unit);
  if (p.min !== undefined) b.min(p.min);
  if (p.max !== undefined) b.max(p.max);
  if (p.links) {
    b.dataLinks(
      p.links.map((l) => new dashboard.DashboardLinkBuilder(l.title).url(l.url).targetBlank(false)),
    );
  }
  if (p.datasource === 'prometheus') {
    for (const t of p.targets) {
      b.withTarget(
        new prometheus.DataqueryBuilder()
          .refId(t.refId)
          .datasource(DATASOURCES.prometheus)
          .expr(t.expr)
          .legendFormat(t.legend ?? '__auto')
          .range(),
      );
    }
  } else {
    for (const t of p.targets) b.withTarget(new SqlQueryBuilder(p.datasource, t));
  }
  if (p.type === 'table') b.options({ showHeader: true, cellHeight: 'sm' });
  return b;
}

function variableBuilder(v: VariableDefinition): cog.Builder<dashboard.VariableModel> {
  if (v.textbox) {
    const t = new dashboard.TextBoxVariableBuilder(v.name).label(v.label);
    return v.default !== undefined ? t.defaultValue(v.default) : t;
  }
  if (v.values) {
    const c = new dashboard.CustomVariableBuilder(v.name).label(v.label).values(v.values.join(','));
    if (v.default) c.current({ text: v.default, value: v.default, selected: true });
    return c.multi(v.multi ?? false).includeAll(v.includeAll ?? false);
  }
  if (!v.query || !v.datasource) throw new Error(`variable ${v.name}: needs values or a query`);
  const q = new dashboard.QueryVariableBuilder(v.name)
    .label(v.label)
    .datasource(DATASOURCES[v.datasource])
    .query(v.query)
    .definition(v.query)
    .refresh(dashboard.VariableRefresh.OnDashboardLoad)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .multi(v.multi ?? false)
    .includeAll(v.includeAll ?? false);
  if (v.includeAll) q.current({ text: 'All', value: '$__all', selected: true });
  return q;
}

/** Grafana dashboard JSON of a definition; panels flow left to right in rows of 24 columns. */
export function buildDashboard(def: DashboardDefinition): dashboard.Dashboard {
  const b = new dashboard.DashboardBuilder(def.title)
    .uid(def.uid)
    .description(def.description)
    .tags([...def.tags])
    .timezone('browser')
    .time({ from: def.time.from, to: def.time.to })
    .refresh('1m')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .readonly();
  for (const v of def.variables) b.withVariable(variableBuilder(v));
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  def.panels.forEach((p, i) => {
    if (x + p.w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    b.withPanel(panelBuilder(p, i + 1, x, y));
    x += p.w;
    rowHeight = Math.max(rowHeight, p.h);
  });
  const built = b.build();
  // Grafana's dashboard model expects both lists, even when empty (the SDK omits them).
  built.templating.list ??= [];
  built.annotations.list ??= [];
  return built;
}
