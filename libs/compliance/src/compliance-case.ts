export const CASE_STATUSES = ['recorded', 'hearing', 'decided', 'closed', 'withdrawn'] as const;
/**
 * recorded = constatering en vastlegging; hearing = hoor en wederhoor (the participant is
 * heard); decided = besluit and maatregel; closed; withdrawn (the finding did not hold).
 */
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['recorded', 'hearing'];

/** Obligations of the Afsprakenstelsel a case can be about (codes; the texts are for people). */
export const OBLIGATIONS = {
  'hourly-delivery': 'Logregels worden minimaal elk uur aangeleverd',
  'delivery-completeness': 'Alle voorgeschreven logregels worden aangeleverd',
  'clock-accuracy': 'Tijdstempels in logregels zijn correct (geen klokafwijking)',
  'technical-validity': 'Aanleveringen zijn technisch OK',
  'privacy-metadata-only': 'Logregels bevatten alleen metadata, geen BSN of persoonsgegevens',
  'test-results-current': 'Testresultaten zijn niet ouder dan 365 dagen',
  'incident-cooperation': 'Deelnemer werkt mee aan incidentafhandeling',
  other: 'Overige verplichting uit het afsprakenstelsel',
} as const;
export type Obligation = keyof typeof OBLIGATIONS;
export const OBLIGATION_CODES = Object.keys(OBLIGATIONS) as Obligation[];

export interface ComplianceCase {
  readonly id: string;
  readonly number: number;
  readonly participantId: string;
  readonly obligation: Obligation;
  readonly title: string;
  readonly facts: string;
  readonly status: CaseStatus;
  readonly source: 'manual' | 'signal';
  readonly signalKey: string | null;
  readonly responseDueAt: Date | null;
  readonly decision: string | null;
  readonly measure: string | null;
  readonly version: number;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly closedAt: Date | null;
}

export type EvidenceKind = 'trace' | 'aanlevering' | 'query' | 'note';
export const EVIDENCE_KINDS: readonly EvidenceKind[] = ['trace', 'aanlevering', 'query', 'note'];

export interface EvidenceInput {
  readonly kind: EvidenceKind;
  /** A trace id, an aanlevering id, a saved query, or free text for a note. */
  readonly reference: string;
  readonly description?: string;
}

export interface CaseEvidence extends Required<EvidenceInput> {
  readonly id: string;
  readonly addedBy: string;
  readonly addedAt: Date;
}

export interface NewCase {
  readonly participantId: string;
  readonly obligation: Obligation;
  readonly title: string;
  readonly facts: string;
  readonly evidence?: EvidenceInput[];
}

export interface CasePatch {
  readonly title?: string;
  readonly facts?: string;
  readonly obligation?: Obligation;
}

export interface CaseTransition {
  readonly to: CaseStatus;
  readonly reason?: string;
  /** Required when moving to `hearing`: by when the participant must respond. */
  readonly responseDueAt?: Date;
  /** Required when moving to `decided`. */
  readonly decision?: string;
  readonly measure?: string;
}

export interface CaseFilter {
  readonly status?: CaseStatus[];
  readonly participant?: string;
  readonly obligation?: Obligation;
  readonly from?: Date;
  readonly to?: Date;
  readonly limit: number;
  readonly cursor?: string;
}

/** A rule signal (no delivery for over an hour, completeness low, clock skew, ...). */
export interface ComplianceSignal {
  readonly participantId: string;
  readonly obligation: Obligation;
  readonly rule: string;
  readonly facts: string;
  readonly evidence?: EvidenceInput[];
}

export type CaseChange =
  | { kind: 'created'; data: { participantId: string; obligation: string; source: string } }
  | { kind: 'field-changed'; data: { field: string; from: unknown; to: unknown } }
  | {
      kind: 'status-changed';
      data: { from: CaseStatus; to: CaseStatus; reason: string | null } & Record<string, unknown>;
    }
  | { kind: 'evidence-added'; data: { evidenceId: string; kind: EvidenceKind; reference: string } }
  | { kind: 'participant-response'; data: { text: string; onBehalf: boolean } }
  | { kind: 'signal-repeated'; data: { rule: string; facts: string } };

export interface CaseTimelineEntry {
  readonly seq: number;
  readonly at: Date;
  readonly actor: string;
  readonly kind: CaseChange['kind'];
  readonly data: Record<string, unknown>;
}

export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  recorded: ['hearing', 'withdrawn'],
  hearing: ['decided', 'withdrawn'],
  decided: ['closed'],
  closed: [],
  withdrawn: [],
};
