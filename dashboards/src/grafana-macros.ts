/**
 * What Grafana does to a panel's SQL before the database sees it, so tests and the bench can run
 * the exact text of the dashboard JSON against ClickHouse and PostgreSQL.
 *
 * ClickHouse (grafana-clickhouse-datasource, v4):
 *  1. frontend `applyTemplateVariables` (src/data/CHDatasource.ts): `$__conditionalAll(phrase, $var)`
 *     becomes `1=1` when the variable is All (`$__all`) or empty, else `phrase`; then template
 *     variables are replaced, a multi value formatted as `'a','b'` (`format()`), a single value raw.
 *  2. backend (pkg/macros/macros.go, applied by grafana/sqlds `interpolate` with the regex
 *     `\$__name\b(?:\((.*?)\))?`, arguments split on `,` and trimmed):
 *     $__timeFilter(c)     -> `c >= toDateTime(<from s>) AND c <= toDateTime(<to s>)`
 *     $__timeFilter_ms(c)  -> `c >= fromUnixTimestamp64Milli(<from ms>) AND c <= fromUnixTimestamp64Milli(<to ms>)`
 *     $__fromTime / $__toTime       -> `toDateTime(<s>)`
 *     $__fromTime_ms / $__toTime_ms -> `fromUnixTimestamp64Milli(<ms>)`
 *     $__dateFilter(c)     -> `c >= toDate('YYYY-MM-DD') AND c <= toDate('YYYY-MM-DD')`
 *     $__dateTimeFilter(d, t) (alias $__dt) -> `(date filter on d) AND (time filter on t)`
 *     $__timeInterval(c)   -> `toStartOfInterval(toDateTime(c), INTERVAL <max(interval s, 1)> second)`
 *     $__timeInterval_ms(c)-> `toStartOfInterval(toDateTime64(c, 3), INTERVAL <max(ms, 1)> millisecond)`
 *     $__interval_s        -> `<max(interval s, 1)>`
 *  Because the backend regex stops at the first `)`, a macro argument must not contain parentheses.
 *
 * PostgreSQL (Grafana's built-in datasource; grafana.com/docs/grafana/latest/datasources/postgres/query-editor):
 *     $__time(c) -> `c AS "time"`; $__timeEpoch(c) -> `extract(epoch from c) AS "time"`
 *     $__timeFilter(c) -> `c BETWEEN '<from RFC3339>' AND '<to RFC3339>'`
 *     $__timeFrom() / $__timeTo() -> `'<RFC3339>'`
 *     $__timeGroup(c, '5m') -> `floor(extract(epoch from c)/300)*300`; $__timeGroupAlias adds ` AS "time"`
 *     $__unixEpochFilter(c) -> `c >= <from s> AND c <= <to s>`; $__unixEpochFrom() / $__unixEpochTo()
 *     $__unixEpochGroup(c, '5m') -> `floor(c/300)*300`; $__unixEpochGroupAlias adds ` AS "time"`
 *  Template variables (SqlDatasource.interpolateVariable): a multi value -> `'a','b'` (quotes doubled),
 *  a single value raw with quotes doubled.
 *
 * Explicit formats `${var:singlequote}`, `${var:sqlstring}`, `${var:doublequote}`, `${var:csv}`,
 * `${var:pipe}`, `${var:raw}` follow Grafana's templateSrv for both.
 */
export interface MacroContext {
  from: Date;
  to: Date;
  /** The panel's interval (Grafana: time range / max data points, rounded), in seconds. */
  intervalSeconds: number;
  /** Template variable values; `'$__all'` (or `['$__all']`) means All is selected. */
  variables: Record<string, string | readonly string[]>;
  /**
   * ClickHouse only: the datasource's default database. Panel SQL names tables unqualified (as
   * Grafana runs it against `defaultDatabase`); with this set, every table after FROM/JOIN is
   * qualified with it, so the text runs through ClickHouseService.query on any database.
   */
  database?: string;
}

export const ALL = '$__all';

type Dialect = 'clickhouse' | 'postgres';

export function expandClickHouseMacros(sql: string, ctx: MacroContext): string {
  const withVars = interpolateVariables(applyConditionalAll(sql, ctx), ctx, 'clickhouse');
  const expanded = finish(applyMacros(withVars, clickHouseMacros(ctx)));
  return ctx.database ? qualifyTables(expanded, ctx.database) : expanded;
}

/**
 * `FROM t` / `JOIN t` -> `FROM db.t` for a bare identifier (not a table function, not already
 * qualified, not the column of an ARRAY JOIN).
 */
export function qualifyTables(sql: string, database: string): string {
  if (!/^\w+$/.test(database)) throw new Error(`not a database name: ${database}`);
  return sql.replace(
    /(\bARRAY\s+)?\b(FROM|JOIN)(\s+)([A-Za-z_]\w*)\b(?!\s*[(.])/g,
    (m, array, kw, sp, name) => (array ? m : `${kw}${sp}${database}.${name}`),
  );
}

export function expandPostgresMacros(sql: string, ctx: MacroContext): string {
  const withVars = interpolateVariables(applyConditionalAll(sql, ctx), ctx, 'postgres');
  return finish(applyMacros(withVars, postgresMacros(ctx)));
}

type Macro = (args: string[]) => string;

function clickHouseMacros(ctx: MacroContext): Record<string, Macro> {
  const s = (d: Date) => `toDateTime(${Math.floor(d.getTime() / 1000)})`;
  const ms = (d: Date) => `fromUnixTimestamp64Milli(${d.getTime()})`;
  const day = (d: Date) => `toDate('${d.toISOString().slice(0, 10)}')`;
  const intervalS = Math.max(Math.floor(ctx.intervalSeconds), 1);
  const intervalMs = Math.max(Math.floor(ctx.intervalSeconds * 1000), 1);
  const range = (c: string, f: (d: Date) => string) => `${c} >= ${f(ctx.from)} AND ${c} <= ${f(ctx.to)}`;
  const dateTime = (a: string[]) => {
    arity(a, 2, 'dateTimeFilter');
    return `(${range(a[0], day)}) AND (${range(a[1], s)})`;
  };
  return {
    fromTime: () => s(ctx.from),
    toTime: () => s(ctx.to),
    fromTime_ms: () => ms(ctx.from),
    toTime_ms: () => ms(ctx.to),
    timeFilter: (a) => range(arity(a, 1, 'timeFilter')[0], s),
    timeFilter_ms: (a) => range(arity(a, 1, 'timeFilter_ms')[0], ms),
    dateFilter: (a) => range(arity(a, 1, 'dateFilter')[0], day),
    dateTimeFilter: dateTime,
    dt: dateTime,
    timeInterval: (a) =>
      `toStartOfInterval(toDateTime(${arity(a, 1, 'timeInterval')[0]}), INTERVAL ${intervalS} second)`,
    timeInterval_ms: (a) =>
      `toStartOfInterval(toDateTime64(${arity(a, 1, 'timeInterval_ms')[0]}, 3), INTERVAL ${intervalMs} millisecond)`,
    interval_s: () => String(intervalS),
  };
}

function postgresMacros(ctx: MacroContext): Record<string, Macro> {
  const iso = (d: Date) => `'${d.toISOString().replace(/\.\d{3}Z$/, 'Z')}'`;
  const epoch = (d: Date) => String(Math.floor(d.getTime() / 1000));
  const group = (a: string[], name: string, epochColumn: boolean, alias: boolean) => {
    if (a.length < 2) throw new Error(`$__${name}: expected a column and an interval`);
    const seconds = parseInterval(a[1].replace(/['"]/g, ''));
    const value = epochColumn ? a[0] : `extract(epoch from ${a[0]})`;
    return `floor(${value}/${seconds})*${seconds}${alias ? ' AS "time"' : ''}`;
  };
  return {
    time: (a) => `${arity(a, 1, 'time')[0]} AS "time"`,
    timeEpoch: (a) => `extract(epoch from ${arity(a, 1, 'timeEpoch')[0]}) AS "time"`,
    timeFilter: (a) => `${arity(a, 1, 'timeFilter')[0]} BETWEEN ${iso(ctx.from)} AND ${iso(ctx.to)}`,
    timeFrom: () => iso(ctx.from),
    timeTo: () => iso(ctx.to),
    timeGroup: (a) => group(a, 'timeGroup', false, false),
    timeGroupAlias: (a) => group(a, 'timeGroupAlias', false, true),
    unixEpochFilter: (a) =>
      `${arity(a, 1, 'unixEpochFilter')[0]} >= ${epoch(ctx.from)} AND ${a[0]} <= ${epoch(ctx.to)}`,
    unixEpochFrom: () => epoch(ctx.from),
    unixEpochTo: () => epoch(ctx.to),
    unixEpochGroup: (a) => group(a, 'unixEpochGroup', true, false),
    unixEpochGroupAlias: (a) => group(a, 'unixEpochGroupAlias', true, true),
  };
}

function arity(args: string[], n: number, name: string): string[] {
  if (args.length !== n || args.some((a) => a === '')) {
    throw new Error(`$__${name}: expected ${n} argument(s), received ${args.length}`);
  }
  return args;
}

/** `5m`, `1h`, `30s`, `1d` -> seconds. */
function parseInterval(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!m) throw new Error(`not an interval: ${text}`);
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}

/** As sqlds `interpolate`: per macro name, every `$__name(args)` with args up to the first `)`. */
function applyMacros(sql: string, macros: Record<string, Macro>): string {
  let out = sql;
  for (const [name, macro] of Object.entries(macros)) {
    const re = new RegExp(`\\$__${name}\\b(?:\\((.*?)\\))?`, 'g');
    out = out.replace(re, (_m, args: string | undefined) =>
      macro(args === undefined ? [] : args.split(',').map((a) => a.trim())),
    );
  }
  return out;
}

function isAll(value: string | readonly string[] | undefined): boolean {
  if (value === undefined) return false;
  const text = typeof value === 'string' ? value : value.join(',');
  return text === '' || text === ALL;
}

/** As CHDatasource.applyConditionalAll (the Postgres datasource has no such macro; same rule). */
function applyConditionalAll(sql: string, ctx: MacroContext): string {
  const macro = '$__conditionalAll(';
  let out = sql;
  let at = out.lastIndexOf(macro);
  while (at !== -1) {
    const args = macroArgs(out, at + macro.length - 1);
    if (args.length !== 2)
      throw new Error(`$__conditionalAll needs (phrase, $variable): ${out.slice(at, at + 80)}`);
    const name = /(?<=\$\{)\w+(?=[}:])|(?<=\$)\w+/.exec(args[1].trim())?.[0];
    if (!name || !(name in ctx.variables))
      throw new Error(`$__conditionalAll: unknown variable in ${args[1]}`);
    const phrase = isAll(ctx.variables[name]) ? '1=1' : args[0];
    out = out.replace(`${macro}${args[0]},${args[1]})`, phrase);
    at = out.lastIndexOf(macro);
  }
  return out;
}

/** The top-level comma-separated arguments of the parenthesised list starting at `open`. */
function macroArgs(sql: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < sql.length; i++) {
    const c = sql[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    if (c === ',' && depth === 1) {
      args.push(sql.slice(start, i));
      start = i + 1;
    }
    if (depth === 0) {
      args.push(sql.slice(start, i));
      return args;
    }
  }
  return [];
}

const VARIABLE = /\$(\w+)|\$\{(\w+)(?::([\w]+))?\}|\[\[(\w+)(?::(\w+))?\]\]/g;

function interpolateVariables(sql: string, ctx: MacroContext, dialect: Dialect): string {
  return sql.replace(VARIABLE, (match, a?: string, b?: string, fb?: string, c?: string, fc?: string) => {
    const name = a ?? b ?? c ?? '';
    if (!(name in ctx.variables)) return match; // not a variable (e.g. a macro): Grafana leaves it
    const value = ctx.variables[name];
    if (isAll(value) && value !== '') {
      throw new Error(`variable ${name} is All: use $__conditionalAll or pass its concrete values`);
    }
    return formatValue(value, fb ?? fc, dialect);
  });
}

function formatValue(
  value: string | readonly string[],
  format: string | undefined,
  dialect: Dialect,
): string {
  const values = typeof value === 'string' ? [value] : [...value];
  switch (format) {
    case 'singlequote':
      return values.map((v) => `'${v.replace(/'/g, "\\'")}'`).join(',');
    case 'sqlstring':
      return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',');
    case 'doublequote':
      return values.map((v) => `"${v.replace(/"/g, '\\"')}"`).join(',');
    case 'csv':
    case 'raw':
      return values.join(',');
    case 'pipe':
      return values.join('|');
    case undefined:
      break;
    default:
      throw new Error(`unsupported variable format ${format}`);
  }
  if (dialect === 'clickhouse') {
    return typeof value === 'string' ? value : `'${values.join("','")}'`;
  }
  return typeof value === 'string'
    ? value.replace(/'/g, "''")
    : values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',');
}

/** A `$name` left after expansion is a variable the context does not define. */
function finish(sql: string): string {
  const left = /\$\{?\w+/.exec(sql);
  if (left)
    throw new Error(`unexpanded ${left[0]} in: ${sql.slice(Math.max(0, left.index - 40), left.index + 40)}`);
  return sql;
}
