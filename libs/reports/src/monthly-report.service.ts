import { Participant } from '@app/participants';
import { SliCollector, SloDefinition } from '@app/slo';
import { BeheerrapportRepository, FlowOutcomeRow } from './beheerrapport.repository';
import { DeliveryHoursRepository } from './delivery-hours.repository';
import { IncidentSource, incidentFigures } from './incident-figures';
import { MonthlyReport, NetworkSection, ParticipantSection } from './monthly-report';
import { NetworkRollupRepository } from './network-rollup.repository';
import {
  completenessOf,
  deliveryFigures,
  foldBeheerrapport,
  noChains,
  noHops,
  sloMonthFigures,
} from './report-figures';
import { ReportMonth, reportMonth } from './report-month';
import { ReportError, ReportErrorCode } from './report.error';

/** Called after each participant of a whole-network report: `done` of `total`. */
export type ReportProgress = (done: number, total: number, participantId: string) => void;

export interface ReportSources {
  /** libs/slo's SLI reads (the same rollups and counters the rule worker uses). */
  readonly sli: SliCollector;
  /** The active SLO definitions (targets of the month's SLOs). */
  readonly definitions: { active(): Promise<SloDefinition[]> };
  readonly network: NetworkRollupRepository;
  readonly deliveries: DeliveryHoursRepository;
  readonly beheerrapport: BeheerrapportRepository;
  readonly incidents: IncidentSource;
  /** The registered participants (DVPs and DVAs). */
  readonly participants: () => Promise<readonly Participant[]>;
  readonly now?: () => number;
}

/** Computes the typed monthly report; renderers turn it into CSV, JSON, HTML or PDF. */
export class MonthlyReportService {
  constructor(private readonly s: ReportSources) {}

  /** Throws a ReportError for a bad month or an unknown participant (before reading any figure). */
  async resolve(
    month: string,
    participantId?: string,
  ): Promise<{ month: ReportMonth; participants: Participant[] }> {
    const m = reportMonth(month);
    const all = [...(await this.s.participants())].sort(
      (a, b) => a.role.localeCompare(b.role) || a.id.localeCompare(b.id),
    );
    if (participantId === undefined) return { month: m, participants: all };
    const one = all.find((p) => p.id === participantId);
    if (!one) {
      throw new ReportError(ReportErrorCode.UnknownParticipant, `unknown participant "${participantId}"`);
    }
    return { month: m, participants: [one] };
  }

  async monthly(month: string, participantId?: string, progress?: ReportProgress): Promise<MonthlyReport> {
    const { month: m, participants } = await this.resolve(month, participantId);
    const [definitions, deliveries, flows] = await Promise.all([
      this.s.definitions.active(),
      this.s.deliveries.ofMonth(m),
      this.s.beheerrapport.ofMonth(m),
    ]);
    const sections: ParticipantSection[] = [];
    for (const p of participants) {
      const kind = p.role === 'DVP' ? 'dvp' : 'dva';
      // Hour buckets over [from, to): the rollups' upper bound is inclusive, so stop 1 ms short.
      const [collected, incidents] = await Promise.all([
        this.s.sli.range({ kind, id: p.id }, m.fromMs, m.toMs - 1),
        incidentFigures(this.s.incidents, m, p.id),
      ]);
      const key = `${kind}:${p.id}`;
      const chains = collected.chains.get(key)?.get('range') ?? noChains();
      const hops = collected.hops.get(key)?.get('range') ?? noHops();
      sections.push({
        id: p.id,
        role: p.role,
        displayName: p.displayName,
        chains,
        hops,
        slos: sloMonthFigures(definitions, kind, chains, hops),
        completeness: completenessOf(kind, chains),
        delivery: deliveryFigures(m, deliveries.get(p.id)),
        incidents,
        beheerrapport: foldBeheerrapport(flows, p.id),
      });
      progress?.(sections.length, participants.length, p.id);
    }
    const network = participantId === undefined ? await this.networkSection(m, sections, flows) : null;
    return {
      month: m.month,
      timeZone: m.timeZone,
      from: new Date(m.fromMs).toISOString(),
      to: new Date(m.toMs).toISOString(),
      hours: m.hours,
      generatedAt: new Date(this.s.now?.() ?? Date.now()).toISOString(),
      scope: participantId ?? 'network',
      network,
      participants: sections,
    };
  }

  private async networkSection(
    m: ReportMonth,
    sections: readonly ParticipantSection[],
    flows: readonly FlowOutcomeRow[],
  ): Promise<NetworkSection> {
    const [chains, hops, definitions, incidents] = await Promise.all([
      this.s.network.chains(m),
      this.s.network.hops(m),
      this.s.definitions.active(),
      incidentFigures(this.s.incidents, m),
    ]);
    return {
      chains,
      hops,
      slos: sloMonthFigures(definitions, 'network', chains, hops),
      completeness: completenessOf('network', chains),
      incidents,
      beheerrapport: foldBeheerrapport(flows),
      participantsMissingHours: sections.filter((s) => s.delivery.hoursWithoutDelivery > 0).length,
      hoursWithoutDelivery: sections.reduce((n, s) => n + s.delivery.hoursWithoutDelivery, 0),
      aanleveringen: sections.reduce((n, s) => n + s.delivery.aanleveringen, 0),
    };
  }
}
