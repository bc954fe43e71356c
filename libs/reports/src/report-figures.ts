import {
  ChainCounters,
  EntityKind,
  HopCounters,
  RATIO_SLIS,
  SloDefinition,
  budgetRemaining,
  sliCounts,
  sliRatio,
} from '@app/slo';
import { FlowOutcomeRow } from './beheerrapport.repository';
import { ParticipantDeliveries } from './delivery-hours.repository';
import {
  BeheerrapportRow,
  CompletenessFigures,
  DeliveryFigures,
  ReportFlow,
  SloMonthFigure,
} from './monthly-report';
import { ReportMonth } from './report-month';

// The report's empty counters are libs/slo's, so a counter added there is reported as zero here.
export { emptyChainCounters as noChains, emptyHopCounters as noHops } from '@app/slo';

/** Who a section is about: a DVP, a DVA, or the whole network (either side's failures count). */
export type SectionKind = 'dvp' | 'dva' | 'network';

// The network answers for both sides, like a DVP x DVA pair in libs/slo's SLI definitions.
const sliKind = (kind: SectionKind): EntityKind => (kind === 'network' ? 'pair' : kind);

const isRatio = (sli: string): sli is (typeof RATIO_SLIS)[number] =>
  (RATIO_SLIS as readonly string[]).includes(sli);

/**
 * The SLOs a monthly report shows: one per ratio SLI, the calendar-month definition when there
 * is one (the monthly SLA), else the rolling one. Participants get those that select their kind.
 */
export function reportedSlos(definitions: readonly SloDefinition[], kind: SectionKind): SloDefinition[] {
  const bySli = new Map<string, SloDefinition>();
  for (const d of definitions) {
    const spec = d.document.spec;
    const sli = spec.indicator.metadata.name;
    if (!isRatio(sli)) continue;
    if (kind !== 'network' && !spec.entitySelector.kinds.includes(kind)) continue;
    const calendar = spec.timeWindow.some((w) => w.duration === '1M' && !w.isRolling);
    const current = bySli.get(sli);
    const currentCalendar = current?.document.spec.timeWindow.some(
      (w) => w.duration === '1M' && !w.isRolling,
    );
    if (!current || (calendar && !currentCalendar)) bySli.set(sli, d);
  }
  return RATIO_SLIS.flatMap((sli) => (bySli.has(sli) ? [bySli.get(sli)!] : []));
}

/** Each SLO over the month, with the event-weighted error budget of the month. */
export function sloMonthFigures(
  definitions: readonly SloDefinition[],
  kind: SectionKind,
  chains: ChainCounters,
  hops: HopCounters,
): SloMonthFigure[] {
  return reportedSlos(definitions, kind).map((d) => {
    const spec = d.document.spec;
    const sli = spec.indicator.metadata.name as (typeof RATIO_SLIS)[number];
    const target = spec.objectives[0]?.target ?? 1;
    const counts = sliCounts(sli, sliKind(kind), chains, hops, spec.indicator.params);
    const ratio = sliRatio(counts);
    return {
      slo: d.name,
      displayName: d.document.metadata.displayName ?? d.name,
      sli,
      target,
      good: counts.good,
      total: counts.total,
      ratio,
      met: ratio === null ? null : ratio >= target,
      budgetAllowed: (1 - target) * counts.total,
      budgetSpent: counts.total - counts.good,
      budgetRemaining: budgetRemaining(counts, target),
    };
  });
}

/** One-sided chains, and how much of what this side logged the other side logged too. */
export function completenessOf(kind: SectionKind, c: ChainCounters): CompletenessFigures {
  const logged = kind === 'dvp' ? c.dvpLogged : kind === 'dva' ? c.dvaLogged : c.decided;
  return {
    decided: c.decided,
    oneSided: c.oneSided,
    oneSidedShare: c.decided > 0 ? c.oneSided / c.decided : null,
    logged,
    bothLogged: c.bothLogged,
    completeness: logged > 0 ? c.bothLogged / logged : null,
  };
}

/** The hourly delivery rule over the month: clock hours without any aanlevering. */
export function deliveryFigures(month: ReportMonth, d: ParticipantDeliveries | undefined): DeliveryFigures {
  const withDelivery = d?.hoursWithDelivery ?? 0;
  return {
    aanleveringen: d?.aanleveringen ?? 0,
    technischOk: d?.technischOk ?? 0,
    technischNietOk: (d?.aanleveringen ?? 0) - (d?.technischOk ?? 0),
    lines: d?.lines ?? 0,
    hoursInMonth: month.hours,
    hoursWithDelivery: withDelivery,
    hoursWithoutDelivery: month.hours - withDelivery,
    compliance: withDelivery / month.hours,
    lastDeliveryAt: d ? new Date(d.lastDeliveryMs).toISOString() : null,
  };
}

const FLOW_ORDER: readonly ReportFlow[] = ['verzamelen', 'delen', 'abonneren'];

/**
 * The Beheerrapport table of one participant (its chains as DVP or as DVA) or of the network
 * (`participant` undefined): per gegevensdienst and flow, successful (happy), failed (error)
 * and not completed (alternative, abandoned, one-sided) chains.
 */
export function foldBeheerrapport(rows: readonly FlowOutcomeRow[], participant?: string): BeheerrapportRow[] {
  const out = new Map<string, { successful: number; failed: number; notCompleted: number }>();
  for (const r of rows) {
    if (participant !== undefined && r.dvp !== participant && r.dva !== participant) continue;
    const key = `${r.gegevensdienst}\u0000${r.flow}`;
    let cell = out.get(key);
    if (!cell) out.set(key, (cell = { successful: 0, failed: 0, notCompleted: 0 }));
    if (r.outcome === 'happy') cell.successful += r.chains;
    else if (r.outcome === 'error') cell.failed += r.chains;
    else cell.notCompleted += r.chains;
  }
  return [...out.entries()]
    .map(([key, cell]) => {
      const [gegevensdienst, flow] = key.split('\u0000') as [string, ReportFlow];
      return { gegevensdienst, flow, ...cell };
    })
    .sort(
      (a, b) =>
        gdOrder(a.gegevensdienst) - gdOrder(b.gegevensdienst) ||
        a.gegevensdienst.localeCompare(b.gegevensdienst) ||
        FLOW_ORDER.indexOf(a.flow) - FLOW_ORDER.indexOf(b.flow),
    );
}

// Numeric gegevensdienst ids in numeric order; chains without one last.
const gdOrder = (g: string) => (g === '' ? Number.MAX_SAFE_INTEGER : Number(g) || 0);
