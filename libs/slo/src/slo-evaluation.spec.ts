import { readDefinitionFiles, DEFAULT_DEFINITIONS_DIR } from './slo-definitions.repository';
import { participantOffsets } from './clock-skew-estimate';
import { Counts } from './burn-rate';
import { SloDefinition, parseSloDocument } from './slo-definition';
import { evaluateSlo } from './slo-evaluation';
import { ownerOf } from './sharding';

const docs = readDefinitionFiles([DEFAULT_DEFINITIONS_DIR]);
const availability: SloDefinition = {
  name: 'availability',
  version: 1,
  document: docs.find((d) => d.metadata.name === 'availability')!,
};

function counts(entries: Record<string, [number, number]>): Map<string, Counts> {
  return new Map(Object.entries(entries).map(([w, [good, total]]) => [w, { good, total }]));
}

describe('evaluateSlo', () => {
  it('ships valid defaults for every SLI', () => {
    expect(docs.map((d) => d.spec.indicator.metadata.name).sort()).toEqual([
      'availability',
      'availability',
      'chain-success',
      'clock-skew',
      'completeness',
      'delivery-freshness',
      'happy-flow',
      'hop-latency',
      'one-sided',
    ]);
  });

  it('pages on the fast burn of a busy DVA and reports budget and burn rates', () => {
    // 30 days: 43,200 chains, 36 bad (allowed 43.2): budget 1 - 36/43.2 = 0.1667.
    const s = evaluateSlo({
      definition: availability,
      entity: 'dva:dva-x',
      counts: counts({
        '5m': [24, 30],
        '30m': [174, 180],
        '1h': [360, 366],
        '6h': [2154, 2160],
        '3d': [4314, 4320],
        '30d': [43164, 43200],
      }),
      ownLogging: { ownLogged: 2160, attributed: 2160 },
      deliveryOverdue: false,
    });
    expect(s.state).toBe('burning');
    expect(s.tiers).toEqual({ page: 'firing', ticket: 'firing' });
    expect(s.budgetRemaining).toBeCloseTo(1 - 36 / 43.2, 10);
    expect(s.burnRates['1h']).toBeCloseTo(6 / 366 / 0.001, 6);
    // slow-burn: 6h 6/2160 = 0.278% -> 2.78 < 6: not firing; ticket: 3d 6/4320 -> 1.39 and 6h 2.78 >= 1.
    expect(s.policies.map((p) => [p.policy, p.firing])).toEqual([
      ['fast-burn', true],
      ['slow-burn', false],
      ['budget-burn', true],
    ]);
  });

  it('does not page a quiet entity on one failure (minimum traffic)', () => {
    const s = evaluateSlo({
      definition: availability,
      entity: 'zorgaanbieder:klein',
      counts: counts({
        '5m': [0, 1],
        '30m': [0, 1],
        '1h': [4, 5],
        '6h': [4, 5],
        '3d': [4, 5],
        '30d': [4, 5],
      }),
      ownLogging: { ownLogged: 5, attributed: 5 },
      deliveryOverdue: false,
    });
    expect(s.tiers).toEqual({ page: 'cleared', ticket: 'cleared' });
    expect(s.policies[0]).toMatchObject({ firing: false, suppressedBy: 'minimum-traffic', longEvents: 5 });
    expect(s.state).toBe('ok');
  });

  it('holds the alerts of an entity whose own logging is incomplete', () => {
    const s = evaluateSlo({
      definition: availability,
      entity: 'dva:dva-x',
      counts: counts({ '5m': [0, 30], '1h': [0, 360], '6h': [0, 2000], '30d': [0, 2000] }),
      ownLogging: { ownLogged: 100, attributed: 2000 },
      deliveryOverdue: false,
    });
    expect(s.state).toBe('insufficient_data');
    expect(s.tiers).toEqual({ page: 'held', ticket: 'held' });
    expect(s.ownLoggingShare).toBeCloseTo(0.05, 10);
  });

  it('rejects invalid documents with the failing paths', () => {
    expect(() =>
      parseSloDocument({
        ...availability.document,
        spec: { ...availability.document.spec, objectives: [{ target: 2 }] },
      }),
    ).toThrow(/objectives\/0\/target/);
  });
});

describe('participantOffsets', () => {
  it('cancels the transit time with both directions', () => {
    // DVA 90 s ahead, transit 200 ms forward and 100 ms back: fwd 90,200, back -89,900 -> 90,050.
    const o = participantOffsets([
      { dvpId: 'pgo-a', dvaId: 'dva-x', direction: 'DVP->DVA', hops: 10, medianMs: 90_200 },
      { dvpId: 'pgo-a', dvaId: 'dva-x', direction: 'DVA->DVP', hops: 7, medianMs: -89_900 },
    ]);
    expect(o.get('dva-x')).toEqual([{ counterpartId: 'pgo-a', offsetMs: 90_050, samples: 7 }]);
    expect(o.get('pgo-a')).toEqual([{ counterpartId: 'dva-x', offsetMs: -90_050, samples: 7 }]);
  });
});

describe('ownerOf', () => {
  it('spreads entities over replicas, each to exactly one, and moves few when a replica is added', () => {
    const entities = Array.from({ length: 3000 }, (_, i) => `zorgaanbieder:za-${i}`);
    const three = entities.map((e) => ownerOf(e, 3));
    const perReplica = [0, 1, 2].map((i) => three.filter((o) => o === i).length);
    for (const n of perReplica) expect(n).toBeGreaterThan(850);
    const four = entities.map((e) => ownerOf(e, 4));
    const moved = entities.filter((_, i) => three[i] !== four[i]).length;
    // Ideal: a quarter moves (to the new replica), none between the old ones.
    expect(moved).toBeLessThan(entities.length * 0.3);
    expect(entities.every((_, i) => three[i] === four[i] || four[i] === 3)).toBe(true);
  });
});
