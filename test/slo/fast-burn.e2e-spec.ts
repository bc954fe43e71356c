import { ClickHouseService } from '@app/clickhouse';
import { RuleAlert } from '@app/slo';
import { testClickHouse } from '../support/engines';
import {
  ChainSpec,
  FAST_HAPPY as HAPPY,
  authorizationError,
  deliver,
  deliveredBy,
  directoryOf,
} from './support/chain-builder';
import { Harness, simulatedStart, sloHarness } from './support/slo-harness';

const S = 1000;
const MIN = 60 * S;

/**
 * Multi-window multi-burn-rate alerting in simulated time (a manual clock, cycles every 30 s):
 * a busy DVA that starts failing every authorization request pages within 2 minutes and the
 * page clears after recovery; a quiet DVA does not page on one failure.
 *
 * Hand computation (availability target 99.9%, so the budget is 0.1%):
 * - healthy: dva-busy serves a chain every 10 s for the hour before T (360 chains);
 * - from T every chain fails (503). At T+30s: 3 bad; the 1h window (from T-60m) has 363 chains:
 *   3/363 = 0.83% -> burn 8.3 < 14.4: the fast-burn condition does not hold yet. The slow-burn
 *   one does: the 6h window holds the same 363 chains (burn 8.3 >= 6) and the 30m window 180
 *   healthy + 3 bad (1.64% -> burn 16.4 >= 6), so the page tier fires at T+30s already.
 *   At T+60s: 1h window from T-59m holds 354 healthy + 6 bad: 6/360 = 1.667% -> burn 16.7;
 *   5m window from T-4m: 24 healthy + 6 bad -> burn 200. Both >= 14.4: fast burn at T+60s.
 * - recovery from T+120s. The slow-burn condition (6h and 30m >= 6) holds while the minute
 *   bucket T+1m (6 bad chains) is in the 30m window: until the window starts at T+2m, i.e.
 *   now = T+32m, when the page clears.
 */
describe('slo: a failing DVA pages within 2 minutes, clears after recovery; quiet entity does not page', () => {
  const directory = directoryOf(
    ['pgo-a', 'pgo-b'],
    ['dva-busy', 'dva-quiet'],
    [
      ['za-busy', 'dva-busy'],
      ['za-quiet', 'dva-quiet'],
    ],
  );
  const T = simulatedStart(60);
  let ch: ClickHouseService;
  let h: Harness;
  const alerts: Array<RuleAlert & { at: number }> = [];

  const busy = (startMs: number, steps: ChainSpec['steps'], i: number): ChainSpec => ({
    dvp: i % 2 ? 'pgo-b' : 'pgo-a',
    dva: 'dva-busy',
    zorgaanbieder: 'za-busy',
    startMs,
    steps,
  });
  const quiet = (startMs: number, steps: ChainSpec['steps']): ChainSpec => ({
    dvp: 'pgo-a',
    dva: 'dva-quiet',
    zorgaanbieder: 'za-quiet',
    startMs,
    steps,
  });

  /** Chains every 10 s in (now - span, now], delivered now; then one evaluation cycle. */
  const step = async (nowMs: number, spanMs: number, steps: ChainSpec['steps'], extra: ChainSpec[] = []) => {
    const specs = Array.from({ length: spanMs / (10 * S) }, (_, i) =>
      busy(nowMs - spanMs + i * 10 * S, steps, i),
    );
    await deliver(ch, [...specs, ...extra], nowMs);
    await deliveredBy(ch, ['pgo-a', 'pgo-b', 'dva-busy', 'dva-quiet'], nowMs);
    h.clock.set(nowMs);
    const report = await h.slo.evaluator.cycle();
    for (const a of report.alerts) alerts.push({ ...a, at: nowMs });
    return report;
  };
  const page = (entity: string, rule = 'availability') =>
    alerts.filter((a) => a.entity === entity && a.rule === rule && a.tier === 'page');

  beforeAll(async () => {
    ch = await testClickHouse();
    h = await sloHarness(ch, directory, T - MIN);
    const healthy = Array.from({ length: 360 }, (_, i) => busy(T - 60 * MIN + i * 10 * S, HAPPY, i));
    const quietHealthy = [50, 40, 30, 20].map((m) => quiet(T - m * MIN, HAPPY));
    await deliver(ch, [...healthy, ...quietHealthy], T);
    await deliveredBy(ch, ['pgo-a', 'pgo-b', 'dva-busy', 'dva-quiet'], T);
  });

  afterAll(async () => {
    await ch?.close();
  });

  it('is quiet while everything works', async () => {
    h.clock.set(T);
    const report = await h.slo.evaluator.cycle();
    expect(report.alerts).toEqual([]);
    const s = report.statuses.find((x) => x.entity === 'dva:dva-busy' && x.slo === 'availability');
    expect(s).toMatchObject({ state: 'ok', good: 360, total: 360, ratio: 1, budgetRemaining: 1 });
  });

  it('pages for the failing DVA within a minute (fast burn from T+60s), not for the quiet DVA', async () => {
    const fail = authorizationError(503, 'temporarily_unavailable');
    const first = await step(T + 30 * S, 30 * S, fail, [quiet(T + 20 * S, fail)]);
    const at30 = first.statuses.find((x) => x.entity === 'dva:dva-busy' && x.slo === 'availability')!;
    expect(at30.burnRates['1h']).toBeCloseTo(3 / 363 / 0.001, 6);
    expect(at30.burnRates['30m']).toBeCloseTo(3 / 183 / 0.001, 6);
    expect(at30.policies.map((p) => [p.policy, p.firing])).toEqual([
      ['fast-burn', false],
      ['slow-burn', true],
      ['budget-burn', true],
    ]);
    expect(page('dva:dva-busy')).toEqual([
      expect.objectContaining({ state: 'firing', at: T + 30 * S, participants: ['dva-busy'] }),
    ]);

    const second = await step(T + 60 * S, 30 * S, fail);
    // Still one page (one dedup key per entity, SLO and tier), now also on the fast burn.
    expect(page('dva:dva-busy')).toHaveLength(1);
    const s = second.statuses.find((x) => x.entity === 'dva:dva-busy' && x.slo === 'availability')!;
    expect(s.state).toBe('burning');
    expect(s.burnRates['1h']).toBeCloseTo(6 / 360 / 0.001, 6);
    expect(s.burnRates['5m']).toBeCloseTo(6 / 30 / 0.001, 6);
    expect(s.policies.find((p) => p.policy === 'fast-burn')).toMatchObject({ firing: true });
    // The zorgaanbieder and the pairs it serves page too; the DVPs' own availability does not.
    expect(page('zorgaanbieder:za-busy')).toHaveLength(1);
    expect(page('pair:pgo-a/dva-busy')).toHaveLength(1);
    expect(page('dvp:pgo-a')).toEqual([]);

    // The quiet DVA: 1 failure among 5 chains in the hour (burn 200) but below 20 events.
    const q = second.statuses.find((x) => x.entity === 'dva:dva-quiet' && x.slo === 'availability')!;
    expect([q.good, q.total]).toEqual([4, 5]);
    expect(q.policies.find((p) => p.policy === 'fast-burn')).toMatchObject({
      firing: false,
      suppressedBy: 'minimum-traffic',
      longEvents: 5,
    });
    expect(alerts.filter((a) => a.entity.endsWith('quiet') && a.tier === 'page')).toEqual([]);
  });

  it('clears the page once the burn has stopped in the short windows', async () => {
    await step(T + 90 * S, 30 * S, authorizationError(503, 'temporarily_unavailable'));
    await step(T + 120 * S, 30 * S, authorizationError(503, 'temporarily_unavailable'));
    let now = T + 120 * S;
    while (page('dva:dva-busy').length < 2 && now < T + 45 * MIN) {
      now += MIN;
      await step(now, MIN, HAPPY);
    }
    expect(page('dva:dva-busy').map((a) => [a.state, a.at])).toEqual([
      ['firing', T + 30 * S],
      ['cleared', T + 32 * MIN],
    ]);
    expect(alerts.filter((a) => a.entity.endsWith('quiet') && a.tier === 'page')).toEqual([]);
    // The state survives a restart: a new evaluator loads it and hands over nothing new.
    const fresh = await sloHarness(ch, directory, now);
    expect((await fresh.slo.evaluator.cycle()).alerts.filter((a) => a.tier === 'page')).toEqual([]);
  }, 240_000);
});
