import { ChainCounters, HopCounters } from '@app/slo';

/**
 * The monthly SLA and delivery report: one section for the whole network and one per
 * participant (DVP or DVA). Every figure is a count or a ratio of counts over the calendar
 * month [from, to) in Europe/Amsterdam; docs/reports.md says how each is computed.
 */
export interface MonthlyReport {
  readonly month: string;
  readonly timeZone: string;
  /** UTC instants of local midnight on the 1st of this and the next month. */
  readonly from: string;
  readonly to: string;
  readonly hours: number;
  readonly generatedAt: string;
  /** `network` for the whole network, else the participant asked for. */
  readonly scope: string;
  readonly network: NetworkSection | null;
  readonly participants: ParticipantSection[];
}

export interface ReportSection {
  readonly chains: ChainCounters;
  readonly hops: HopCounters;
  readonly slos: SloMonthFigure[];
  readonly completeness: CompletenessFigures;
  readonly incidents: IncidentFigures;
  readonly beheerrapport: BeheerrapportRow[];
}

export interface NetworkSection extends ReportSection {
  /** Participants with at least one clock hour of the month without an aanlevering. */
  readonly participantsMissingHours: number;
  readonly hoursWithoutDelivery: number;
  readonly aanleveringen: number;
}

export interface ParticipantSection extends ReportSection {
  readonly id: string;
  readonly role: 'DVP' | 'DVA';
  readonly displayName: string;
  readonly delivery: DeliveryFigures;
}

/** One SLO over the month: event-weighted good/total and the month's error budget. */
export interface SloMonthFigure {
  readonly slo: string;
  readonly displayName: string;
  readonly sli: string;
  readonly target: number;
  readonly good: number;
  readonly total: number;
  /** good / total; null without events. */
  readonly ratio: number | null;
  readonly met: boolean | null;
  /** (1 - target) x total: bad events the month's budget allows. */
  readonly budgetAllowed: number;
  readonly budgetSpent: number;
  /** 1 - spent / allowed; negative once overspent; null without events. */
  readonly budgetRemaining: number | null;
}

/** The hourly delivery rule: at least one aanlevering in every clock hour. */
export interface DeliveryFigures {
  readonly aanleveringen: number;
  readonly technischOk: number;
  readonly technischNietOk: number;
  readonly lines: number;
  readonly hoursInMonth: number;
  readonly hoursWithDelivery: number;
  readonly hoursWithoutDelivery: number;
  /** hoursWithDelivery / hoursInMonth. */
  readonly compliance: number;
  readonly lastDeliveryAt: string | null;
}

/** Eenzijdig aangeleverde ketens and how much of its chains the counterpart also logged. */
export interface CompletenessFigures {
  readonly decided: number;
  readonly oneSided: number;
  readonly oneSidedShare: number | null;
  /** Chains this side logged (network: all decided chains). */
  readonly logged: number;
  /** ... of which the other party logged too. */
  readonly bothLogged: number;
  readonly completeness: number | null;
}

export interface IncidentRow {
  readonly number: number;
  readonly title: string;
  readonly priority: string;
  readonly status: string;
  readonly createdAt: string;
  readonly mttaSeconds: number | null;
  readonly mttrSeconds: number | null;
  readonly reactionBreached: boolean;
  readonly resolutionBreached: boolean;
}

export interface IncidentFigures {
  readonly total: number;
  /** Mean over the incidents that left `new` / were resolved; null when none did. */
  readonly mttaSeconds: number | null;
  readonly mttrSeconds: number | null;
  readonly byPriority: Array<{
    readonly priority: string;
    readonly total: number;
    readonly mttaSeconds: number | null;
    readonly mttrSeconds: number | null;
    readonly reactionBreached: number;
    readonly resolutionBreached: number;
  }>;
  readonly list: IncidentRow[];
}

export type ReportFlow = 'verzamelen' | 'delen' | 'abonneren';

/** MedMij's Beheerrapport: decided chains per gegevensdienst and flow, by result. */
export interface BeheerrapportRow {
  readonly gegevensdienst: string;
  readonly flow: ReportFlow;
  /** Happy flow: the data was exchanged. */
  readonly successful: number;
  /** Ended in an error (any side, any area). */
  readonly failed: number;
  /** Cancelled, abandoned or one-sided: neither exchanged nor failed. */
  readonly notCompleted: number;
}
