import { ClickHouseService } from '@app/clickhouse';
import { testClickHouse } from '../support/engines';
import { FAST_HAPPY, authorizationError, deliver, deliveredBy, directoryOf } from './support/chain-builder';
import { simulatedStart, sloHarness } from './support/slo-harness';

const MIN = 60_000;

/** Two rule-worker replicas split chains and entities between them: each evaluated exactly once. */
describe('slo: replicas split the work without double evaluation', () => {
  const dvps = ['pgo-a', 'pgo-b', 'pgo-c'];
  const dvas = ['dva-1', 'dva-2', 'dva-3', 'dva-4'];
  const directory = directoryOf(
    dvps,
    dvas,
    dvas.map((d, i) => [`za-${i}`, d]),
  );
  const T0 = simulatedStart(30);
  let ch: ClickHouseService;

  beforeAll(async () => {
    ch = await testClickHouse();
    const specs = dvps.flatMap((dvp, i) =>
      dvas.flatMap((dva, j) =>
        [0, 1, 2].map((k) => ({
          dvp,
          dva,
          zorgaanbieder: `za-${j}`,
          startMs: T0 + (i * 12 + j * 3 + k) * 10_000,
          steps: (i + j + k) % 4 === 0 ? authorizationError(500, 'server_error') : FAST_HAPPY,
        })),
      ),
    );
    await deliver(ch, specs, T0 + 10 * MIN);
    await deliveredBy(ch, [...dvps, ...dvas], T0 + 10 * MIN);
  });

  afterAll(async () => {
    await ch?.close();
  });

  it('decides every chain once and evaluates every entity on exactly one replica', async () => {
    const now = T0 + 12 * MIN;
    const r0 = await sloHarness(ch, directory, now, { index: 0, count: 2 });
    const r1 = await sloHarness(ch, directory, now, { index: 1, count: 2 });
    const [c0, c1] = await Promise.all([r0.slo.evaluator.cycle(), r1.slo.evaluator.cycle()]);
    // 3 DVPs x 4 DVAs x 3 chains = 36, split between the replicas.
    expect(c0.finalized!.changed + c1.finalized!.changed).toBe(36);
    expect(c0.finalized!.changed).toBeGreaterThan(0);
    expect(c1.finalized!.changed).toBeGreaterThan(0);
    const [{ n }] = await ch.query<{ n: string }>(ch.sql('SELECT count() AS n FROM {{db}}.chain_outcomes'));
    expect(Number(n)).toBe(36);

    // Now both replicas see all chains: the entity sets are disjoint and together complete.
    const [e0, e1] = await Promise.all([r0.slo.evaluator.cycle(), r1.slo.evaluator.cycle()]);
    const keys = (c: typeof e0) =>
      new Set(c.statuses.filter((s) => s.slo === 'availability').map((s) => s.entity));
    const k0 = keys(e0);
    const k1 = keys(e1);
    expect([...k0].filter((k) => k1.has(k))).toEqual([]);
    // 3 DVPs + 4 DVAs + 4 zorgaanbieders + 12 pairs + 1 gegevensdienst.
    expect(k0.size + k1.size).toBe(24);
    const single = await sloHarness(ch, directory, now);
    const all = keys(await single.slo.evaluator.cycle());
    expect(new Set([...k0, ...k1])).toEqual(all);
    // Participant rules: each participant on one replica only.
    const p0 = e0.participantRules.filter((r) => r.indicator === 'delivery-freshness').map((r) => r.entity);
    const p1 = e1.participantRules.filter((r) => r.indicator === 'delivery-freshness').map((r) => r.entity);
    expect([...p0, ...p1].sort()).toEqual(
      [...dvps.map((d) => `dvp:${d}`), ...dvas.map((d) => `dva:${d}`)].sort(),
    );
  });
});
