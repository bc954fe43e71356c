import { ErrorArea } from '@app/ketenlog';

/** What became of a chain (keten), per spec/ketenlog.md section 5. */
export type ChainOutcome = 'happy' | 'alternative' | 'error' | 'abandoned' | 'one_sided' | 'in_progress';

export const CHAIN_OUTCOMES: readonly ChainOutcome[] = [
  'happy',
  'alternative',
  'error',
  'abandoned',
  'one_sided',
  'in_progress',
];

/** One line of a chain as the classifier sees it (from chain_parts). */
export interface ChainStep {
  readonly eventType: string;
  readonly timeMs: number;
  /** request.id on request lines, response.request_id on response lines. */
  readonly requestKey: string;
  readonly status: number;
  readonly errorCode: string;
  readonly clientParticipantId: string;
  readonly serverParticipantId: string;
}

/** Everything one participant logged for a chain. */
export interface ChainParty {
  readonly participantId: string;
  readonly role: string;
  readonly firstEventMs: number;
  readonly lastEventMs: number;
  readonly lastReceivedMs: number;
  readonly lines: number;
  readonly steps: readonly ChainStep[];
}

/** All parties of one trace_id, with the scope derived from whichever line carried it. */
export interface ChainSummary {
  readonly traceId: string;
  readonly parties: readonly ChainParty[];
  readonly zorgaanbieder: string;
  readonly gegevensdiensten: readonly string[];
  readonly sessionIds: readonly string[];
}

export interface ChainClassification {
  readonly traceId: string;
  readonly outcome: ChainOutcome;
  /** Where an error chain failed (from the catalog's errorArea); '' otherwise. */
  readonly errorArea: ErrorArea | '';
  /** The failure is a server-side one (counts against availability / bereikbaarheid). */
  readonly serverSide: boolean;
  /**
   * Whose component failed, for server-side failures: the party that sent the error (of a
   * send/receive pair, the sending side; otherwise the party that logged it). '' otherwise.
   */
  readonly failedSide: 'DVA' | 'DVP' | '';
  readonly reason: string;
  readonly dvpId: string;
  readonly dvaId: string;
  readonly zorgaanbieder: string;
  /** The first gegevensdienst of the scope: the one the chain is attributed to. */
  readonly gegevensdienst: string;
  readonly gegevensdiensten: readonly string[];
  readonly dvpLogged: boolean;
  readonly dvaLogged: boolean;
  readonly chainStartMs: number;
  readonly chainEndMs: number;
  readonly furthestStep: number;
  readonly furthestEvent: string;
  /** Required happy-flow events the chain does not have (only meaningful once it ended). */
  readonly missingRequired: readonly string[];
  readonly lines: number;
}
