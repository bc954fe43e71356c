import { HAPPY, HAPPY_HOP_LATENCIES } from '../../slo/support/chain-builder';
import { Scenario } from './scenario';

export type Row = Record<string, unknown>;
/** Checks a panel's rows on the scenario (see scenario.ts for the chains and their figures). */
export type Expectation = (rows: Row[], s: Scenario, to: Date) => void;

const MIN = 60_000;
const n = (v: unknown) => Number(v);
/** Rows reduced to the named columns, numbers as numbers. */
const pick = (rows: Row[], ...cols: string[]) =>
  rows.map((r) =>
    Object.fromEntries(
      cols.map((c) => [
        c,
        typeof r[c] === 'string' && /^-?\d+(\.\d+)?$/.test(r[c] as string) ? n(r[c]) : r[c],
      ]),
    ),
  );
const close = (v: unknown, expected: number) => expect(n(v)).toBeCloseTo(expected, 9);
const sumBy = (rows: Row[], key: string, value: string) =>
  rows.reduce<Record<string, number>>(
    (acc, r) => ({ ...acc, [String(r[key])]: (acc[String(r[key])] ?? 0) + n(r[value]) }),
    {},
  );
/** ClickHouse DateTime text ('YYYY-MM-DD hh:mm:ss[.sss]', UTC) -> epoch ms. */
const ms = (v: unknown) => Date.parse(`${String(v).replace(' ', 'T')}Z`);

function figures(row: Row | undefined, ketens: number, beschikbaarheid: number, fout: number) {
  expect(row).toBeDefined();
  expect(n(row?.ketens)).toBe(ketens);
  close(row?.beschikbaarheid, beschikbaarheid);
  close(row?.foutpercentage, fout);
}

/** Per `${dashboard}/${panel}/${refId}`; a panel without an entry fails the test. */
export const EXPECTATIONS: Record<string, Expectation> = {
  'ketenoverzicht/Uitwisselingen per minuut/A': (rows, s) => {
    expect(rows.map((r) => ms(r.time))).toEqual(Array.from({ length: 11 }, (_, m) => s.t0 + m * MIN));
    for (const r of rows) close(r.ketens_per_minuut, 1);
  },
  'ketenoverzicht/Uitkomsten/A': (rows) =>
    expect(sumBy(rows, 'uitkomst', 'ketens')).toEqual({
      abandoned: 1,
      alternative: 1,
      error: 2,
      happy: 5,
      one_sided: 2,
    }),
  'ketenoverzicht/Beschikbaarheid en foutpercentage per DVA/A': (rows) => {
    expect(rows.map((r) => r.dva)).toEqual(['dva-x', 'dva-y']);
    figures(rows[0], 7, 6 / 7, 2 / 7);
    figures(rows[1], 4, 1, 0);
  },
  'ketenoverzicht/Beschikbaarheid en foutpercentage per DVP/A': (rows) => {
    expect(rows.map((r) => r.dvp)).toEqual(['pgo-a', 'pgo-b']);
    figures(rows[0], 9, 1, 1 / 9);
    figures(rows[1], 2, 1, 1 / 2);
  },
  'ketenoverzicht/Deelnemers die nu een SLO schenden/A': (rows, s) => {
    expect(s.firing.length).toBeGreaterThan(0);
    const key = (e: unknown, r: unknown, t: unknown) => `${e}|${r}|${t}`;
    expect(rows.map((r) => key(r.entiteit, r.regel, r.niveau)).sort()).toEqual(
      s.firing.map((f) => key(f.entity, f.rule, f.tier)).sort(),
    );
  },
  'ketenoverzicht/Open incidenten/A': (rows) =>
    expect(pick(rows, 'prioriteit', 'status', 'titel', 'deelnemers')).toEqual([
      { prioriteit: 'P2', status: 'acknowledged', titel: 'dva-y trage tokens', deelnemers: 'dva-y' },
      { prioriteit: 'P3', status: 'new', titel: 'pgo-b foutieve verzoeken', deelnemers: 'pgo-b' },
    ]),

  // Deelnemer: role dva, participant dva-x (variants in the spec).
  'deelnemer/SLI’s/A': (rows) => {
    expect(rows).toHaveLength(1);
    figures(rows[0], 7, 6 / 7, 2 / 7);
    close(rows[0].happy_flow, 4 / 7);
    close(rows[0].eenzijdig, 0);
    close(rows[0].volledigheid, 1);
  },
  'deelnemer/Hop-latenties/A': (rows) => {
    // 4 happy chains x 6 hops + the request hop of the 503, the 400 and the cancelled chain.
    expect(rows.reduce((a, r) => a + n(r.aantal), 0)).toBe(27);
    expect(rows.reduce((a, r) => a + n(r.aantal) * n(r.binnen_2s), 0)).toBeCloseTo(23, 9);
    for (const r of rows) expect(n(r.p50_ms)).toBeLessThanOrEqual(n(r.p95_ms));
  },
  'deelnemer/Klokverschil per tegenpartij/A': (rows) => {
    // Same clocks: only pgo-a has hops both ways; the estimate stays within the hop asymmetry.
    expect(rows.map((r) => r.tegenpartij)).toEqual(['pgo-a']);
    expect(Math.abs(n(rows[0].klokverschil_ms))).toBeLessThan(100);
  },
  'deelnemer/Aanleveringen: versheid en kwaliteit/A': (rows, s, to) => {
    expect(rows).toHaveLength(1);
    expect(ms(rows[0].laatste_aanlevering)).toBe(s.t0 + 7 * MIN);
    expect(n(rows[0].leeftijd_s)).toBe(Math.floor(to.getTime() / 1000) - (s.t0 + 7 * MIN) / 1000);
    expect(pick(rows, 'aanleveringen', 'aandeel_technisch_ok', 'geldige_regels')).toEqual([
      { aanleveringen: 3, aandeel_technisch_ok: 1, geldige_regels: 1 },
    ]);
  },
  'deelnemer/Slechtste zorgaanbieders/A': (rows) => {
    expect(rows.map((r) => r.zorgaanbieder)).toEqual(['za-1']);
    figures(rows[0], 7, 6 / 7, 2 / 7);
  },
  'deelnemer/Recente mislukte ketens/A': (rows) => {
    expect(pick(rows, 'uitkomst', 'dvp', 'dva', 'zorgaanbieder')).toEqual([
      { uitkomst: 'error', dvp: 'pgo-b', dva: 'dva-x', zorgaanbieder: 'za-1' },
      { uitkomst: 'error', dvp: 'pgo-a', dva: 'dva-x', zorgaanbieder: 'za-1' },
    ]);
    for (const r of rows) expect(r.keten_id).toMatch(/^[0-9a-f-]{36}$/);
  },

  // Zorgaanbieder: za-1, every gegevensdienst.
  'zorgaanbieder/Per DVA en gegevensdienst/A': (rows) => {
    expect(pick(rows, 'dva', 'gegevensdienst')).toEqual([{ dva: 'dva-x', gegevensdienst: 48 }]);
    figures(rows[0], 7, 6 / 7, 2 / 7);
    close(rows[0].happy_flow, 4 / 7);
  },
  'zorgaanbieder/Per DVP/A': (rows) => {
    expect(rows.map((r) => r.dvp)).toEqual(['pgo-b', 'pgo-a']);
    figures(rows[0], 2, 1, 1 / 2);
    figures(rows[1], 5, 4 / 5, 1 / 5);
  },
  'zorgaanbieder/Ketens per uur en uitkomst/A': (rows) =>
    expect(sumBy(rows, 'uitkomst', 'ketens')).toEqual({ alternative: 1, error: 2, happy: 4 }),
  'zorgaanbieder/Hop-latenties/A': (rows) => expect(rows.reduce((a, r) => a + n(r.aantal), 0)).toBe(27),

  // Aanleveringen: every participant.
  'aanleveringen/Aanleveringen per deelnemer/A': (rows, s) => {
    expect(rows.map((r) => r.deelnemer)).toEqual([s.collectorDvp, 'dva-x', 'dva-y', 'pgo-a', 'pgo-b']);
    expect(pick(rows, 'aanleveringen', 'ok', 'niet_ok', 'geldig', 'ongeldig')).toEqual([
      { aanleveringen: 2, ok: 1, niet_ok: 1, geldig: 1, ongeldig: 1 },
      { aanleveringen: 3, ok: 3, niet_ok: 0, geldig: 3, ongeldig: 0 },
      { aanleveringen: 2, ok: 2, niet_ok: 0, geldig: 2, ongeldig: 0 },
      { aanleveringen: 4, ok: 4, niet_ok: 0, geldig: 4, ongeldig: 0 },
      { aanleveringen: 2, ok: 2, niet_ok: 0, geldig: 2, ongeldig: 0 },
    ]);
  },
  'aanleveringen/Technisch OK en niet OK per uur/A': (rows) => {
    expect(rows.reduce((a, r) => a + n(r.ok), 0)).toBe(12);
    expect(rows.reduce((a, r) => a + n(r.niet_ok), 0)).toBe(1);
  },
  'aanleveringen/Functionele fouten per regel/A': (rows, s) => {
    // One invalid line, counted once under each rule it broke (as the collector recorded them).
    expect(s.invalidLineErrors.length).toBeGreaterThan(0);
    expect(pick(rows, 'deelnemer', 'regel', 'regels')).toEqual(
      [...s.invalidLineErrors].sort().map((regel) => ({ deelnemer: s.collectorDvp, regel, regels: 1 })),
    );
  },
  'aanleveringen/Technisch niet OK: afgewezen per regel/A': (rows, s) => {
    expect(pick(rows, 'deelnemer', 'afgewezen')).toEqual([{ deelnemer: s.collectorDvp, afgewezen: 1 }]);
    expect(rows[0].regel).toMatch(/\S/);
  },
  'aanleveringen/Te late of ontbrekende aanleveringen/A': (rows, s, to) => {
    const by = new Map(rows.map((r) => [r.deelnemer, r]));
    expect([...by.keys()].sort()).toEqual([s.collectorDvp, 'dva-x', 'dva-y', 'pgo-a', 'pgo-b'].sort());
    const last = s.t0 + 7 * MIN;
    expect(n(by.get('dva-x')?.minuten_sinds_laatste)).toBe(Math.floor((to.getTime() - last) / MIN));
    // The collector's participant delivered just now, but not in the earlier full hours.
    expect(n(by.get(s.collectorDvp)?.minuten_sinds_laatste)).toBeLessThan(60);
    expect(n(by.get(s.collectorDvp)?.uren_zonder_aanlevering)).toBeGreaterThan(0);
  },

  // Keten: the first happy chain, by trace id.
  'keten/Uitkomst/A': (rows, s) =>
    expect(
      pick(rows, 'keten_id', 'uitkomst', 'dvp', 'dva', 'zorgaanbieder', 'gegevensdienst', 'regels'),
    ).toEqual([
      {
        keten_id: s.happy.traceId,
        uitkomst: 'happy',
        dvp: 'pgo-a',
        dva: 'dva-x',
        zorgaanbieder: 'za-1',
        gegevensdienst: 48,
        regels: 20,
      },
    ]),
  'keten/Regels/A': (rows, s) => {
    expect(rows.map((r) => r.gebeurtenis)).toEqual(HAPPY.map((h) => h.type));
    expect(new Set(rows.map((r) => r.deelnemer))).toEqual(new Set(['pgo-a', 'dva-x']));
    for (const r of rows) expect(r.keten_id).toBe(s.happy.traceId);
  },
  'keten/Hops/A': (rows) => expect(rows.map((r) => n(r.latentie_ms))).toEqual(HAPPY_HOP_LATENCIES),

  // Incidenten (PostgreSQL).
  'incidenten/Open incidenten per prioriteit/A': (rows) =>
    expect(pick(rows, 'prioriteit', 'open', 'niet_bevestigd', 'ouder_dan_1_dag')).toEqual([
      { prioriteit: 'P2', open: 1, niet_bevestigd: 0, ouder_dan_1_dag: 0 },
      { prioriteit: 'P3', open: 1, niet_bevestigd: 1, ouder_dan_1_dag: 0 },
    ]),
  'incidenten/Open nalevingszaken/A': (rows) =>
    expect(pick(rows, 'status', 'open', 'reactie_verlopen')).toEqual([
      { status: 'recorded', open: 1, reactie_verlopen: 0 },
    ]),
  'incidenten/MTTA en MTTR per prioriteit/A': (rows) => {
    expect(pick(rows, 'prioriteit', 'incidenten', 'opgelost')).toEqual([
      { prioriteit: 'P1', incidenten: 1, opgelost: 1 },
      { prioriteit: 'P2', incidenten: 1, opgelost: 0 },
      { prioriteit: 'P3', incidenten: 1, opgelost: 0 },
    ]);
    expect(n(rows[0].mtta_min)).toBeGreaterThanOrEqual(0);
    expect(n(rows[0].mttr_min)).toBeGreaterThanOrEqual(n(rows[0].mtta_min));
    expect(rows[1].mtta_min).not.toBeNull();
    expect([rows[1].mttr_min, rows[2].mtta_min, rows[2].mttr_min]).toEqual([null, null, null]);
  },
  'incidenten/Geopende incidenten per dag/A': (rows) => {
    expect(rows.reduce((a, r) => a + n(r.geopend), 0)).toBe(3);
    for (const r of rows) expect(n(r.time) % 86400).toBe(0);
  },
  'incidenten/Open incidenten/A': (rows) =>
    expect(pick(rows, 'prioriteit', 'titel', 'bron')).toEqual([
      { prioriteit: 'P2', titel: 'dva-y trage tokens', bron: 'manual' },
      { prioriteit: 'P3', titel: 'pgo-b foutieve verzoeken', bron: 'manual' },
    ]),
  'incidenten/Open nalevingszaken (lijst)/A': (rows) =>
    expect(pick(rows, 'deelnemer', 'verplichting', 'status')).toEqual([
      { deelnemer: 'dva-y', verplichting: 'hourly-delivery', status: 'recorded' },
    ]),
};
