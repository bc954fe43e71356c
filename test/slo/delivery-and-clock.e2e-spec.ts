import { ClickHouseService } from '@app/clickhouse';
import { RuleAlert } from '@app/slo';
import { testClickHouse } from '../support/engines';
import { FAST_HAPPY, deliver, deliveredBy, directoryOf } from './support/chain-builder';
import { Harness, simulatedStart, sloHarness } from './support/slo-harness';

const MIN = 60_000;

/**
 * The participant rules in simulated time: the hourly delivery rule (at least one aanlevering
 * an hour, 5 minutes grace) and the clock-skew rule (a DVA whose clock runs 90 s ahead).
 */
describe('slo: hourly delivery and clock skew', () => {
  const directory = directoryOf(
    ['pgo-a', 'pgo-b'],
    ['dva-x', 'dva-ahead', 'dva-silent'],
    [
      ['za-x', 'dva-x'],
      ['za-ahead', 'dva-ahead'],
    ],
  );
  const T0 = simulatedStart(120);
  let ch: ClickHouseService;
  let h: Harness;
  const alerts: Array<RuleAlert & { at: number }> = [];

  const cycle = async (nowMs: number) => {
    h.clock.set(nowMs);
    const report = await h.slo.evaluator.cycle();
    for (const a of report.alerts) alerts.push({ ...a, at: nowMs });
    return report;
  };

  beforeAll(async () => {
    ch = await testClickHouse();
    h = await sloHarness(ch, directory, T0);
    // Six chains per DVP x DVA pair; dva-ahead stamps its lines 90 s ahead of the true time.
    const specs = ['pgo-a', 'pgo-b'].flatMap((dvp) =>
      ['dva-x', 'dva-ahead'].flatMap((dva) =>
        Array.from({ length: 6 }, (_, i) => ({
          dvp,
          dva,
          zorgaanbieder: dva === 'dva-x' ? 'za-x' : 'za-ahead',
          startMs: T0 + i * MIN,
          steps: FAST_HAPPY,
          dvaClockOffsetMs: dva === 'dva-ahead' ? 90_000 : 0,
        })),
      ),
    );
    await deliver(ch, specs, T0 + 7 * MIN);
    await deliveredBy(ch, ['dva-silent'], T0);
  });

  afterAll(async () => {
    await ch?.close();
  });

  it('flags the participant whose clock runs 90 s ahead, and only that one', async () => {
    const report = await cycle(T0 + 10 * MIN);
    const skew = Object.fromEntries(
      report.participantRules.filter((r) => r.indicator === 'clock-skew').map((r) => [r.entity, r]),
    );
    // Request hops show +90 s + transit (80..200 ms), responses -90 s + transit (60..300 ms):
    // half the difference of the medians cancels the transit time.
    expect(skew['dva:dva-ahead'].firing).toBe(true);
    expect(skew['dva:dva-ahead'].value).toBeGreaterThan(89);
    expect(skew['dva:dva-ahead'].value).toBeLessThan(91);
    expect(skew['dva:dva-x']).toMatchObject({ firing: false });
    expect(Math.abs(skew['dva:dva-x'].value!)).toBeLessThan(1);
    // Each DVP disagrees with one of its two DVAs only: not flagged.
    expect(skew['dvp:pgo-a'].firing).toBe(false);
    expect(skew['dvp:pgo-b'].firing).toBe(false);
    expect(alerts.filter((a) => a.rule === 'clock-skew')).toEqual([
      expect.objectContaining({ entity: 'dva:dva-ahead', tier: 'ticket', state: 'firing' }),
    ]);
    const status = await h.slo.status.status({ kind: 'dva', id: 'dva-ahead' });
    expect(status.participant).toMatchObject({ clockSkewFlagged: true });
  });

  it('flags a participant that stops delivering once the hour (plus grace) has passed', async () => {
    // Everyone delivers every 10 minutes except dva-silent, whose last aanlevering was at T0.
    const flagged: number[] = [];
    for (let now = T0 + 15 * MIN; now <= T0 + 75 * MIN; now += 5 * MIN) {
      await deliveredBy(ch, ['pgo-a', 'pgo-b', 'dva-x', 'dva-ahead'], now - 5 * MIN);
      const report = await cycle(now);
      const silent = report.participantRules.find(
        (r) => r.entity === 'dva:dva-silent' && r.indicator === 'delivery-freshness',
      )!;
      if (silent.firing) flagged.push(now);
      expect(
        report.participantRules
          .filter((r) => r.indicator === 'delivery-freshness' && r.firing)
          .map((r) => r.entity),
      ).toEqual(silent.firing ? ['dva:dva-silent'] : []);
    }
    // Age 65 min is still within the rule (60 + 5 min grace); at 70 min it is flagged.
    expect(flagged[0]).toBe(T0 + 70 * MIN);
    expect(alerts.filter((a) => a.rule === 'hourly-delivery')).toEqual([
      expect.objectContaining({
        entity: 'dva:dva-silent',
        tier: 'ticket',
        state: 'firing',
        at: T0 + 70 * MIN,
      }),
    ]);
    const status = await h.slo.status.status({ kind: 'dva', id: 'dva-silent' });
    expect(status.participant).toMatchObject({ deliveryOverdue: true, deliveryAgeSeconds: 75 * 60 });

    // It delivers again: the alert clears.
    await deliveredBy(ch, ['dva-silent'], T0 + 76 * MIN);
    await cycle(T0 + 77 * MIN);
    expect(alerts.filter((a) => a.rule === 'hourly-delivery').map((a) => [a.state, a.at])).toEqual([
      ['firing', T0 + 70 * MIN],
      ['cleared', T0 + 77 * MIN],
    ]);
  });
});
