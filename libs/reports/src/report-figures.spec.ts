import { DEFAULT_DEFINITIONS_DIR, SloDefinition, parseSloDocument, readDefinitionFiles } from '@app/slo';
import { FlowOutcomeRow } from './beheerrapport.repository';
import {
  completenessOf,
  deliveryFigures,
  foldBeheerrapport,
  noChains,
  noHops,
  reportedSlos,
  sloMonthFigures,
} from './report-figures';
import { reportMonth } from './report-month';

const definitions: SloDefinition[] = readDefinitionFiles([DEFAULT_DEFINITIONS_DIR]).map((d) => ({
  name: d.metadata.name,
  version: 1,
  document: parseSloDocument(d),
}));

describe('report figures', () => {
  it('shows one SLO per ratio SLI, the calendar-month one where it exists', () => {
    const names = reportedSlos(definitions, 'dva').map((d) => d.name);
    expect(names).toEqual([
      'availability-month',
      'chain-success',
      'happy-flow',
      'one-sided',
      'completeness',
      'hop-latency',
    ]);
    // Threshold rules (hourly delivery, clock skew) are reported as delivery figures instead.
    expect(names).not.toContain('hourly-delivery');
  });

  it('computes the month error budget event-weighted', () => {
    const chains = { ...noChains(), decided: 2000, dvaFailed: 3, dvpFailed: 1, errors: 4, happy: 1996 };
    const dva = sloMonthFigures(definitions, 'dva', chains, noHops()).find((s) => s.sli === 'availability')!;
    // 99.9% of 2000 allows 2 bad chains; the DVA failed 3: 1.5 budgets, 50% overspent.
    expect(dva).toMatchObject({ good: 1997, total: 2000, met: false, budgetSpent: 3 });
    expect(dva.budgetAllowed).toBeCloseTo(2, 12);
    expect(dva.budgetRemaining).toBeCloseTo(-0.5, 12);
    const dvp = sloMonthFigures(definitions, 'dvp', chains, noHops()).find((s) => s.sli === 'availability')!;
    expect(dvp).toMatchObject({ good: 1999, met: true });
    expect(dvp.budgetRemaining).toBeCloseTo(0.5, 12);
    // The network answers for both sides.
    const network = sloMonthFigures(definitions, 'network', chains, noHops()).find(
      (s) => s.sli === 'availability',
    )!;
    expect(network).toMatchObject({ good: 1996, total: 2000 });
  });

  it('has no ratio and no budget figure without events', () => {
    const [first] = sloMonthFigures(definitions, 'dvp', noChains(), noHops());
    expect(first).toMatchObject({ total: 0, ratio: null, met: null, budgetRemaining: null });
  });

  it('measures completeness against what this side logged', () => {
    const c = { ...noChains(), decided: 10, oneSided: 2, dvpLogged: 9, dvaLogged: 9, bothLogged: 8 };
    expect(completenessOf('dvp', c)).toMatchObject({ logged: 9, bothLogged: 8, oneSidedShare: 0.2 });
    expect(completenessOf('network', c)).toMatchObject({ logged: 10, completeness: 0.8 });
  });

  it('counts the hours of a DST month without delivery', () => {
    const oct = reportMonth('2026-10');
    const none = deliveryFigures(oct, undefined);
    expect(none).toMatchObject({
      hoursInMonth: 745,
      hoursWithoutDelivery: 745,
      compliance: 0,
      lastDeliveryAt: null,
    });
    const some = deliveryFigures(oct, {
      aanleveringen: 800,
      technischOk: 790,
      lines: 9000,
      hoursWithDelivery: 740,
      lastDeliveryMs: Date.parse('2026-10-31T22:59:00Z'),
    });
    expect(some).toMatchObject({ technischNietOk: 10, hoursWithoutDelivery: 5 });
    expect(some.compliance).toBeCloseTo(740 / 745, 12);
  });

  it('folds the Beheerrapport per gegevensdienst and flow, for one participant or all', () => {
    const row = (
      dvp: string,
      dva: string,
      gd: string,
      flow: FlowOutcomeRow['flow'],
      outcome: string,
      chains: number,
    ) => ({ dvp, dva, gegevensdienst: gd, flow, outcome, chains }) as FlowOutcomeRow;
    const rows = [
      row('pgo-a', 'dva-x', '51', 'delen', 'happy', 2),
      row('pgo-a', 'dva-x', '48', 'verzamelen', 'happy', 5),
      row('pgo-a', 'dva-x', '48', 'verzamelen', 'error', 1),
      row('pgo-b', 'dva-x', '48', 'verzamelen', 'abandoned', 1),
      row('pgo-b', 'dva-y', '48', 'verzamelen', 'one_sided', 1),
      row('pgo-b', 'dva-y', '', 'verzamelen', 'alternative', 1),
      row('pgo-b', 'dva-y', '9', 'abonneren', 'happy', 1),
    ];
    expect(foldBeheerrapport(rows)).toEqual([
      { gegevensdienst: '9', flow: 'abonneren', successful: 1, failed: 0, notCompleted: 0 },
      { gegevensdienst: '48', flow: 'verzamelen', successful: 5, failed: 1, notCompleted: 2 },
      { gegevensdienst: '51', flow: 'delen', successful: 2, failed: 0, notCompleted: 0 },
      { gegevensdienst: '', flow: 'verzamelen', successful: 0, failed: 0, notCompleted: 1 },
    ]);
    expect(foldBeheerrapport(rows, 'dva-x')).toEqual([
      { gegevensdienst: '48', flow: 'verzamelen', successful: 5, failed: 1, notCompleted: 1 },
      { gegevensdienst: '51', flow: 'delen', successful: 2, failed: 0, notCompleted: 0 },
    ]);
  });
});
