import { ALL, MacroContext, expandClickHouseMacros, expandPostgresMacros } from './grafana-macros';

const ctx = (variables: MacroContext['variables'] = {}, intervalSeconds = 60): MacroContext => ({
  from: new Date('2026-11-01T10:00:00.250Z'),
  to: new Date('2026-11-02T10:00:00.750Z'),
  intervalSeconds,
  variables,
});
const FROM_S = 1793527200;
const TO_S = 1793613600;

describe('ClickHouse datasource expansion', () => {
  it('expands the time macros as pkg/macros does', () => {
    expect(expandClickHouseMacros('WHERE $__timeFilter(t)', ctx())).toBe(
      `WHERE t >= toDateTime(${FROM_S}) AND t <= toDateTime(${TO_S})`,
    );
    expect(expandClickHouseMacros('$__timeFilter_ms(t)', ctx())).toBe(
      `t >= fromUnixTimestamp64Milli(${FROM_S}250) AND t <= fromUnixTimestamp64Milli(${TO_S}750)`,
    );
    expect(expandClickHouseMacros('$__fromTime $__toTime $__fromTime_ms $__toTime_ms', ctx())).toBe(
      `toDateTime(${FROM_S}) toDateTime(${TO_S}) fromUnixTimestamp64Milli(${FROM_S}250) fromUnixTimestamp64Milli(${TO_S}750)`,
    );
    expect(expandClickHouseMacros('$__dateFilter(d)', ctx())).toBe(
      "d >= toDate('2026-11-01') AND d <= toDate('2026-11-02')",
    );
    expect(expandClickHouseMacros('$__dateTimeFilter(d, t)', ctx())).toBe(
      `(d >= toDate('2026-11-01') AND d <= toDate('2026-11-02')) AND (t >= toDateTime(${FROM_S}) AND t <= toDateTime(${TO_S}))`,
    );
    expect(
      expandClickHouseMacros('$__timeInterval(m) $__interval_s $__timeInterval_ms(m)', ctx({}, 300)),
    ).toBe(
      'toStartOfInterval(toDateTime(m), INTERVAL 300 second) 300 toStartOfInterval(toDateTime64(m, 3), INTERVAL 300000 millisecond)',
    );
    // The plugin never goes below one second.
    expect(expandClickHouseMacros('$__interval_s', ctx({}, 0.2))).toBe('1');
  });

  it('formats single values raw and multi values quoted, as the plugin format() does', () => {
    const c = ctx({ p: 'pgo-a', many: ['a', 'b'], t: "x'y" });
    expect(expandClickHouseMacros("id = '${p}' AND x IN (${many}) AND y IN ($many)", c)).toBe(
      "id = 'pgo-a' AND x IN ('a','b') AND y IN ('a','b')",
    );
    expect(expandClickHouseMacros('${t:sqlstring} ${many:singlequote} ${many:csv} [[p]]', c)).toBe(
      "'x''y' 'a','b' a,b pgo-a",
    );
  });

  it('drops a $__conditionalAll phrase when All is selected and keeps it otherwise', () => {
    const sql = 'WHERE $__conditionalAll(gd IN (${gd}), $gd) AND $__conditionalAll(p IN (${p}), ${p})';
    expect(expandClickHouseMacros(sql, ctx({ gd: ALL, p: ['x'] }))).toBe("WHERE 1=1 AND p IN ('x')");
    expect(expandClickHouseMacros(sql, ctx({ gd: [ALL], p: ['x', 'y'] }))).toBe(
      "WHERE 1=1 AND p IN ('x','y')",
    );
    expect(expandClickHouseMacros(sql, ctx({ gd: ['48'], p: [ALL] }))).toBe("WHERE gd IN ('48') AND 1=1");
  });

  it('qualifies tables with the default database when asked', () => {
    const sql =
      'SELECT r FROM aanleveringen ARRAY JOIN rules AS r WHERE x IN (SELECT y FROM hops FINAL) AND z IN (SELECT 1 FROM numbers(2))';
    expect(expandClickHouseMacros(sql, { ...ctx(), database: 'km' })).toBe(
      'SELECT r FROM km.aanleveringen ARRAY JOIN rules AS r WHERE x IN (SELECT y FROM km.hops FINAL) AND z IN (SELECT 1 FROM numbers(2))',
    );
  });

  it('refuses unknown variables and All outside $__conditionalAll', () => {
    expect(() => expandClickHouseMacros('x = $nope', ctx())).toThrow(/unexpanded \$nope/);
    expect(() => expandClickHouseMacros('x IN (${gd})', ctx({ gd: ALL }))).toThrow(/All/);
    expect(() => expandClickHouseMacros('$__timeFilter()', ctx())).toThrow(/argument/);
  });
});

describe('PostgreSQL datasource expansion', () => {
  it('expands the built-in macros', () => {
    expect(expandPostgresMacros('$__timeFilter(created_at)', ctx())).toBe(
      "created_at BETWEEN '2026-11-01T10:00:00Z' AND '2026-11-02T10:00:00Z'",
    );
    expect(expandPostgresMacros("$__timeGroupAlias(created_at, '1h')", ctx())).toBe(
      'floor(extract(epoch from created_at)/3600)*3600 AS "time"',
    );
    expect(expandPostgresMacros('$__unixEpochFilter(ts) $__timeFrom() $__time(c)', ctx())).toBe(
      `ts >= ${FROM_S} AND ts <= ${TO_S} '2026-11-01T10:00:00Z' c AS "time"`,
    );
  });

  it('quotes multi values and doubles quotes in single values', () => {
    expect(
      expandPostgresMacros("p = '${p}' AND id IN (${many})", ctx({ p: "o'k", many: ['a', "b'c"] })),
    ).toBe("p = 'o''k' AND id IN ('a','b''c')");
  });
});
