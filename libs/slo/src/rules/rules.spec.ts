import { AlertPolicy } from '../slo-definition';
import { burnRateTierRule } from './burn-rate-tier.rule';
import { clockSkewRule } from './clock-skew.rule';
import { hourlyDeliveryRule } from './hourly-delivery.rule';
import { insufficientDataRule } from './insufficient-data.rule';
import { minimumTrafficRule } from './minimum-traffic.rule';
import { RULE_LIST } from './rule.registry';

const FAST: AlertPolicy = {
  name: 'fast-burn',
  tier: 'page',
  burnRate: 14.4,
  longWindow: '1h',
  shortWindow: '5m',
};

describe('rules', () => {
  it('are all listed in the registry with unique ids', () => {
    const ids = RULE_LIST.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'burn-rate-tier',
      'minimum-traffic',
      'insufficient-data',
      'hourly-delivery',
      'clock-skew',
    ]);
  });

  describe('burn-rate tier', () => {
    it('fires only when both windows burn at the policy rate', () => {
      // 1h: 6 bad of 366 = 1.639% / 0.1% = 16.39 >= 14.4; 5m: 6 of 30 = 20% -> 200.
      const r = burnRateTierRule.evaluate({
        policy: FAST,
        target: 0.999,
        long: { good: 360, total: 366 },
        short: { good: 24, total: 30 },
      });
      expect(r.firing).toBe(true);
      expect(r.longBurn).toBeCloseTo(16.393, 3);
      expect(r.shortBurn).toBeCloseTo(200, 6);
      // 1h: 3 of 363 = 0.826% -> 8.26 < 14.4: not yet.
      expect(
        burnRateTierRule.evaluate({
          policy: FAST,
          target: 0.999,
          long: { good: 360, total: 363 },
          short: { good: 27, total: 30 },
        }).firing,
      ).toBe(false);
      // Recovered: 1h still high, 5m clean -> stops.
      expect(
        burnRateTierRule.evaluate({
          policy: FAST,
          target: 0.999,
          long: { good: 330, total: 390 },
          short: { good: 30, total: 30 },
        }).firing,
      ).toBe(false);
    });
  });

  it('minimum traffic: a quiet entity has too few events to page', () => {
    expect(minimumTrafficRule.evaluate({ long: { good: 4, total: 5 }, minEvents: 20 }).sufficient).toBe(
      false,
    );
    expect(minimumTrafficRule.evaluate({ long: { good: 19, total: 20 }, minEvents: 20 }).sufficient).toBe(
      true,
    );
  });

  it('insufficient data: own logging share below the minimum, or deliveries overdue', () => {
    // 70 of 100 chains logged by the entity itself: 70% < 80%.
    expect(
      insufficientDataRule.evaluate({
        ownLogged: 70,
        attributed: 100,
        minOwnLoggingShare: 0.8,
        deliveryOverdue: false,
      }),
    ).toMatchObject({ insufficient: true, ownLoggingShare: 0.7 });
    expect(
      insufficientDataRule.evaluate({
        ownLogged: 80,
        attributed: 100,
        minOwnLoggingShare: 0.8,
        deliveryOverdue: false,
      }).insufficient,
    ).toBe(false);
    expect(
      insufficientDataRule.evaluate({
        ownLogged: 100,
        attributed: 100,
        minOwnLoggingShare: 0.8,
        deliveryOverdue: true,
      }).insufficient,
    ).toBe(true);
    expect(
      insufficientDataRule.evaluate({
        ownLogged: 0,
        attributed: 100,
        minOwnLoggingShare: undefined,
        deliveryOverdue: false,
      }).insufficient,
    ).toBe(false);
  });

  it('hourly delivery: fires after max age plus grace', () => {
    const now = Date.parse('2026-03-02T12:00:00Z');
    const at = (minutes: number) =>
      hourlyDeliveryRule.evaluate({
        lastDeliveryMs: now - minutes * 60_000,
        nowMs: now,
        maxAgeSeconds: 3600,
        graceSeconds: 300,
      });
    expect(at(59).firing).toBe(false);
    expect(at(65).firing).toBe(false);
    expect(at(66)).toMatchObject({ firing: true, ageSeconds: 3960 });
    expect(
      hourlyDeliveryRule.evaluate({
        lastDeliveryMs: null,
        nowMs: now,
        maxAgeSeconds: 3600,
        graceSeconds: 300,
      }).firing,
    ).toBe(true);
  });

  it('clock skew: flags the participant that disagrees with most of its counterparts', () => {
    // dva-x runs 90 s ahead of both DVPs; pgo-a disagrees only with dva-x (1 of 2).
    const dvaX = clockSkewRule.evaluate({
      offsets: [
        { counterpartId: 'pgo-a', offsetMs: 90_000, samples: 10 },
        { counterpartId: 'pgo-b', offsetMs: 89_500, samples: 8 },
      ],
      maxSkewMs: 30_000,
      minSamples: 5,
    });
    expect(dvaX).toMatchObject({ firing: true, skewMs: 89_750, counterparts: 2, disagreeing: 2 });
    const pgoA = clockSkewRule.evaluate({
      offsets: [
        { counterpartId: 'dva-x', offsetMs: -90_000, samples: 10 },
        { counterpartId: 'dva-y', offsetMs: 100, samples: 10 },
      ],
      maxSkewMs: 30_000,
      minSamples: 5,
    });
    expect(pgoA.firing).toBe(false);
    // Too few samples: no judgement.
    expect(
      clockSkewRule.evaluate({
        offsets: [{ counterpartId: 'a', offsetMs: 90_000, samples: 2 }],
        maxSkewMs: 30_000,
        minSamples: 5,
      }),
    ).toMatchObject({ firing: false, skewMs: null });
  });
});
