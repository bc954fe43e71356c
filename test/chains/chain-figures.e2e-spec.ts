import { ClickHouseService } from '@app/clickhouse';
import { testClickHouse } from '../support/engines';
import {
  ABANDONED,
  CANCELLED,
  ChainSpec,
  HAPPY,
  authorizationError,
  chainRows,
  deliver,
  directoryOf,
} from '../slo/support/chain-builder';
import { Harness, simulatedStart, sloHarness } from '../slo/support/slo-harness';

const MIN = 60_000;

/**
 * A set of chains with known outcomes, written through the real ClickHouse engine, yields
 * exactly the hand-computed figures per entity: availability, outcome shares, one-sided
 * counts, completeness, hop latencies; a re-delivered line and a re-run change nothing; a late
 * counterpart moves a chain between outcomes without counting it twice.
 */
describe('chains: classification and figures per entity', () => {
  const directory = directoryOf(
    ['pgo-a', 'pgo-b'],
    ['dva-x', 'dva-y'],
    [
      ['za-1', 'dva-x'],
      ['za-2', 'dva-y'],
    ],
  );
  const T0 = simulatedStart(180);
  let ch: ClickHouseService;
  let h: Harness;
  const ids: Record<string, Array<{ traceId: string; sessionId: string }>> = {};

  const x = (
    dvp: string,
    steps: ChainSpec['steps'],
    minute: number,
    extra: Partial<ChainSpec> = {},
  ): ChainSpec => ({
    dvp,
    dva: 'dva-x',
    zorgaanbieder: 'za-1',
    startMs: T0 + minute * MIN,
    steps,
    ...extra,
  });
  const y = (steps: ChainSpec['steps'], minute: number, extra: Partial<ChainSpec> = {}): ChainSpec =>
    x('pgo-a', steps, minute, { dva: 'dva-y', zorgaanbieder: 'za-2', ...extra });

  beforeAll(async () => {
    ch = await testClickHouse();
    h = await sloHarness(ch, directory, T0);
    ids.happy = await deliver(
      ch,
      [0, 1, 2, 3].map((m) => x('pgo-a', HAPPY, m)),
      T0 + 5 * MIN,
    );
    ids.serverError = await deliver(
      ch,
      [x('pgo-a', authorizationError(503, 'temporarily_unavailable'), 4)],
      T0 + 5 * MIN,
    );
    ids.clientError = await deliver(
      ch,
      [x('pgo-b', authorizationError(400, 'invalid_request'), 5)],
      T0 + 6 * MIN,
    );
    ids.cancelled = await deliver(ch, [x('pgo-b', CANCELLED, 6)], T0 + 7 * MIN);
    ids.abandoned = await deliver(ch, [y(ABANDONED, 7)], T0 + 8 * MIN);
    ids.oneSided = await deliver(
      ch,
      [8, 9].map((m) => y(HAPPY.slice(0, 1), m, { logged: ['DVP'] })),
      T0 + 10 * MIN,
    );
  });

  afterAll(async () => {
    await ch?.close();
  });

  const status = (entity: string) => {
    const [kind, id] = [entity.slice(0, entity.indexOf(':')), entity.slice(entity.indexOf(':') + 1)];
    return h.slo.status.status({ kind: kind as 'dva', id }, T0 - MIN, h.clock.now());
  };

  it('keeps chains in progress until they are decided, then records each once', async () => {
    // Shortly after delivery: the one-sided and abandoned chains are still in their grace period.
    h.clock.set(T0 + 12 * MIN);
    const early = await h.chains.finalizer.finalize(h.clock.now());
    expect(early).toMatchObject({ examined: 10, changed: 7, inProgress: 3, hops: 4 * 6 + 4 });

    h.clock.set(T0 + 100 * MIN);
    const later = await h.chains.finalizer.finalize(h.clock.now());
    expect(later).toMatchObject({ examined: 10, changed: 3, inProgress: 0, hops: 0 });
    // Nothing new on a re-run.
    expect(await h.chains.finalizer.finalize(h.clock.now())).toMatchObject({ changed: 0, hops: 0 });
  });

  it('gives the hand-computed availability, outcome shares and error rate per DVA', async () => {
    // dva-x: 4 happy, 1 server-side error (503), 1 client error (400), 1 cancellation = 7 decided.
    const x7 = await status('dva:dva-x');
    expect(x7.range.chains).toMatchObject({
      decided: 7,
      happy: 4,
      errors: 2,
      dvaFailed: 1,
      dvpFailed: 0,
      alternative: 1,
      abandoned: 0,
      oneSided: 0,
    });
    expect(x7.range.availability).toBeCloseTo(6 / 7, 12);
    expect(x7.range.errorRate).toBeCloseTo(2 / 7, 12);
    expect(x7.range.outcomeShares).toEqual({
      happy: 4 / 7,
      alternative: 1 / 7,
      error: 2 / 7,
      abandoned: 0,
      one_sided: 0,
    });
    // dva-y: 1 abandoned, 2 one-sided (only the DVP logged); nothing failed server side.
    const y3 = await status('dva:dva-y');
    expect(y3.range.chains).toMatchObject({
      decided: 3,
      abandoned: 1,
      oneSided: 2,
      dvaLogged: 1,
      bothLogged: 1,
    });
    expect(y3.range.availability).toBe(1);
    expect(y3.range.oneSidedShare).toBeCloseTo(2 / 3, 12);
    expect(y3.range.completeness).toBe(1);
  });

  it('gives the figures per DVP, pair, zorgaanbieder and gegevensdienst', async () => {
    const a = await status('dvp:pgo-a');
    // pgo-a: 4 happy + 1 server error (dva-x), 1 abandoned + 2 one-sided (dva-y).
    expect(a.range.chains).toMatchObject({ decided: 8, oneSided: 2, dvpLogged: 8, bothLogged: 6 });
    // The 503 was the DVA's failure: it does not count against the DVP's availability.
    expect(a.range.chains).toMatchObject({ dvaFailed: 1, dvpFailed: 0 });
    expect(a.range.availability).toBe(1);
    expect(a.range.completeness).toBeCloseTo(6 / 8, 12);
    const b = await status('dvp:pgo-b');
    expect(b.range.chains).toMatchObject({ decided: 2, errors: 1, dvaFailed: 0, alternative: 1 });
    expect(b.range.errorRate).toBe(0.5);
    const pair = await status('pair:pgo-a/dva-x');
    expect(pair.range.chains).toMatchObject({ decided: 5, happy: 4, dvaFailed: 1 });
    expect(pair.range.availability).toBeCloseTo(4 / 5, 12);
    const za1 = await status('zorgaanbieder:za-1');
    expect(za1.range.chains.decided).toBe(7);
    expect(za1.range.availability).toBeCloseTo(6 / 7, 12);
    expect((await status('zorgaanbieder:za-2')).range.chains.decided).toBe(3);
    expect((await status('gegevensdienst:48')).range.chains.decided).toBe(10);
  });

  it('measures hop latencies per entity', async () => {
    const x7 = await status('dva:dva-x');
    // 4 happy chains x 6 hops (100, 150, 80, 60, 200, 2500 ms) + the authorization request hop
    // (100 ms) of the 2 error chains and the cancelled one = 27 hops, 4 of them over 2 s.
    expect(x7.range.hops.hops).toBe(27);
    expect(x7.range.hops.le[2000]).toBe(23);
    expect(x7.range.hops.le[250]).toBe(23);
    expect(x7.range.hops.le[100]).toBeUndefined();
    expect(x7.range.hops.p50).toBeGreaterThanOrEqual(80);
    expect(x7.range.hops.p50).toBeLessThanOrEqual(150);
    expect(x7.range.hops.p99).toBeGreaterThan(2000);
    const latency = x7.slos.find((s) => s.slo === 'hop-latency')!;
    expect([latency.good, latency.total]).toEqual([23, 27]);
    const availability = x7.slos.find((s) => s.slo === 'availability')!;
    expect([availability.good, availability.total]).toEqual([6, 7]);
  });

  it('counts a re-delivered line once', async () => {
    // The DVA re-delivers the lines of a happy chain in a later aanlevering.
    const again = chainRows({ ...x('pgo-a', HAPPY, 0), ...ids.happy[0] }, T0 + 101 * MIN);
    await ch.insert('ketenlog_events', again);
    h.clock.set(T0 + 102 * MIN);
    expect(await h.chains.finalizer.finalize(h.clock.now())).toMatchObject({ changed: 0, hops: 0 });
    const [lines] = await ch.query<{ n: string }>(
      ch.sql(`SELECT sum(c) AS n FROM (SELECT minute, uniqExactMerge(lines) AS c FROM {{db}}.event_rollup_1m
              WHERE participant_id = 'dva-x' GROUP BY minute)`),
    );
    // dva-x logged 14 lines per happy chain (x4), 2 per error chain (x2), 3 for the cancelled one.
    expect(Number(lines.n)).toBe(14 * 4 + 2 * 2 + 3);
    const view = await h.chains.lookup.byTraceId(ids.happy[0].traceId, h.clock.now());
    expect(view?.classification.lines).toBe(20);
    expect((await status('dva:dva-x')).range.chains.decided).toBe(7);
  });

  it('moves a chain whose counterpart delivers late, without counting it twice', async () => {
    // The DVA's lines of one one-sided chain arrive: it answered with a server error.
    const late = chainRows(
      { ...y(authorizationError(500, 'server_error'), 8), ...ids.oneSided[0] },
      T0 + 103 * MIN,
    ).filter((r) => r.participant_role === 'DVA');
    await ch.insert('ketenlog_events', late);
    h.clock.set(T0 + 104 * MIN);
    expect(await h.chains.finalizer.finalize(h.clock.now())).toMatchObject({ changed: 1, hops: 1 });
    const y3 = await status('dva:dva-y');
    expect(y3.range.chains).toMatchObject({
      decided: 3,
      oneSided: 1,
      errors: 1,
      dvaFailed: 1,
      abandoned: 1,
    });
    expect(y3.range.availability).toBeCloseTo(2 / 3, 12);
  });

  it('looks a chain up by trace_id and by session_id with both parties in order', async () => {
    const { traceId, sessionId } = ids.happy[1];
    const view = await h.chains.lookup.byTraceId(traceId.toUpperCase(), h.clock.now());
    expect(view?.classification).toMatchObject({
      outcome: 'happy',
      dvpId: 'pgo-a',
      dvaId: 'dva-x',
      zorgaanbieder: 'za-1',
      gegevensdienst: '48',
      dvpLogged: true,
      dvaLogged: true,
    });
    expect(view?.recorded?.outcome).toBe('happy');
    expect(view?.lines.map((l) => l.eventType)).toEqual(HAPPY.map((s) => s.type));
    expect(new Set(view?.lines.map((l) => l.participantId))).toEqual(new Set(['pgo-a', 'dva-x']));
    expect(view?.hops.map((hop) => hop.latencyMs)).toEqual([100, 150, 80, 60, 200, 2500]);
    const bySession = await h.chains.lookup.bySessionId(sessionId, h.clock.now());
    expect(bySession.map((v) => v.traceId)).toEqual([traceId]);
    const abandoned = await h.chains.lookup.byTraceId(ids.abandoned[0].traceId, h.clock.now());
    expect(abandoned?.classification).toMatchObject({
      outcome: 'abandoned',
      furthestEvent: 'show_landing_page',
    });
  });
});
