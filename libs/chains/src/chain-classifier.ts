import { CatalogEvent, CatalogRegistry, ErrorArea } from '@app/ketenlog';
import { ChainClassification, ChainOutcome, ChainStep, ChainSummary } from './chain-classification';
import { DEFAULT_FAILURE_ATTRIBUTION, FailureAttribution, isServerSideFailure } from './failure-attribution';

export interface ClassifierSettings {
  /** A chain that stopped after a user-facing step, quiet this long, is abandoned. */
  readonly abandonGraceMs: number;
  /**
   * A chain only one party logged, quiet this long, is one-sided. Longer than the abandon grace:
   * the counterpart may deliver its lines up to an hour later (the hourly delivery rule).
   */
  readonly oneSidedGraceMs: number;
  readonly failureAttribution?: FailureAttribution;
  /** The DVA of a zorgaanbieder (from the ZAL), for chains the DVA did not log. */
  readonly dvaOfZorgaanbieder?: (naam: string) => string | undefined;
}

interface PartyStep extends ChainStep {
  readonly role: string;
  readonly participantId: string;
  readonly event: CatalogEvent;
}

/**
 * Classifies a chain from what its parties logged. Every decision reads the event catalog
 * (class, step, errorArea, userFacing, requiredInHappyFlow, final, counterpart) of the version
 * in force at the chain's start; no event name appears in this file.
 *
 * Order of decisions: an error event makes an error chain (the earliest failing step names the
 * area); a cancellation an alternative chain; a chain that reached a final event is happy when
 * both parties logged and no required event is missing, alternative when one is missing; other
 * chains stay in progress until quiet for a grace period, then: one party only -> one-sided;
 * stopped after a user-facing step -> abandoned; stopped after a machine step -> technical error.
 */
export class ChainClassifier {
  private readonly attribution: FailureAttribution;

  constructor(
    private readonly catalogs: CatalogRegistry,
    private readonly settings: ClassifierSettings,
  ) {
    this.attribution = settings.failureAttribution ?? DEFAULT_FAILURE_ATTRIBUTION;
  }

  classify(chain: ChainSummary, nowMs: number): ChainClassification {
    const chainStartMs = Math.min(...chain.parties.map((p) => p.firstEventMs));
    const chainEndMs = Math.max(...chain.parties.map((p) => p.lastEventMs));
    const catalog = this.catalogs.forTime(chainStartMs);
    const steps: PartyStep[] = [];
    for (const party of chain.parties) {
      for (const step of party.steps) {
        const event = catalog.event(step.eventType);
        if (event) steps.push({ ...step, role: party.role, participantId: party.participantId, event });
      }
    }
    steps.sort((a, b) => a.event.step - b.event.step || a.timeMs - b.timeMs);
    const dvpLogged = chain.parties.some((p) => p.role === 'DVP');
    const dvaLogged = chain.parties.some((p) => p.role === 'DVA');
    const furthest = steps.filter((s) => s.event.step > 0).at(-1);
    const seen = new Set(steps.map((s) => s.event.name));
    const missingRequired = catalog
      .events()
      .filter((e) => e.requiredInHappyFlow && !seen.has(e.name))
      .map((e) => e.name);

    const base = {
      traceId: chain.traceId,
      ...this.parties(chain, steps),
      zorgaanbieder: chain.zorgaanbieder,
      gegevensdienst: [...chain.gegevensdiensten].sort()[0] ?? '',
      gegevensdiensten: [...chain.gegevensdiensten].sort(),
      dvpLogged,
      dvaLogged,
      chainStartMs,
      chainEndMs,
      furthestStep: furthest?.event.step ?? 0,
      furthestEvent: furthest?.event.name ?? '',
      missingRequired,
      lines: chain.parties.reduce((n, p) => n + p.lines, 0),
    };
    const decide = (
      outcome: ChainOutcome,
      reason: string,
      errorArea: ErrorArea | '' = '',
      failedSide: 'DVA' | 'DVP' | '' = '',
    ): ChainClassification => ({
      ...base,
      outcome,
      reason,
      errorArea,
      serverSide: failedSide !== '',
      failedSide,
    });

    const errors = steps.filter((s) => s.event.class === 'error');
    if (errors.length > 0) {
      // The earliest failing step of the flow says where it failed; step 0 (anywhere) last.
      const first = errors.find((s) => s.event.step > 0) ?? errors[0];
      const area: ErrorArea = first.event.errorArea ?? 'technical';
      const serverFailure = errors.find((s) =>
        isServerSideFailure(this.attribution, s.event.errorArea ?? 'technical', s.errorCode, s.status),
      );
      return decide(
        'error',
        `failed at ${first.event.name}`,
        area,
        serverFailure
          ? this.failingSide(serverFailure, catalog.event(serverFailure.event.counterpart ?? ''))
          : '',
      );
    }
    const cancellation = steps.find((s) => s.event.class === 'cancellation');
    if (cancellation) return decide('alternative', `cancelled at ${cancellation.event.name}`);

    const quietMs = nowMs - chainEndMs;
    const oneParty = dvpLogged !== dvaLogged;
    if (steps.some((s) => s.event.final)) {
      if (oneParty) {
        return quietMs >= this.settings.oneSidedGraceMs
          ? decide('one_sided', `only the ${dvpLogged ? 'DVP' : 'DVA'} logged`)
          : decide('in_progress', 'waiting for the counterpart to deliver');
      }
      return missingRequired.length === 0
        ? decide('happy', 'all required events present')
        : decide('alternative', `missing ${missingRequired.join(', ')}`);
    }
    if (oneParty) {
      return quietMs >= this.settings.oneSidedGraceMs
        ? decide('one_sided', `only the ${dvpLogged ? 'DVP' : 'DVA'} logged`)
        : decide('in_progress', 'waiting for the counterpart to deliver');
    }
    if (quietMs < this.settings.abandonGraceMs) return decide('in_progress', 'chain is still active');
    if (furthest?.event.userFacing) return decide('abandoned', `stopped after ${furthest.event.name}`);
    return decide(
      'error',
      `stopped after ${furthest?.event.name ?? 'an unknown step'} without an error`,
      'technical',
    );
  }

  /** The sender of an error: for the receiving event of a send/receive pair, the other role. */
  private failingSide(step: PartyStep, counterpart: CatalogEvent | undefined): 'DVA' | 'DVP' {
    const own = step.role === 'DVP' ? 'DVP' : 'DVA';
    if (counterpart && counterpart.step < step.event.step) return own === 'DVP' ? 'DVA' : 'DVP';
    return own;
  }

  /**
   * DVP and DVA: the parties that logged; otherwise the client/server of a cross-party request
   * (an event with a counterpart, so a DVP<->DVA hop), otherwise the zorgaanbieder's DVA.
   */
  private parties(chain: ChainSummary, steps: readonly PartyStep[]): { dvpId: string; dvaId: string } {
    const logged = (role: string) => chain.parties.find((p) => p.role === role)?.participantId;
    const hop = steps.filter((s) => s.event.counterpart !== null);
    const dvpId = logged('DVP') ?? hop.find((s) => s.clientParticipantId)?.clientParticipantId ?? '';
    const dvaId =
      logged('DVA') ??
      hop.find((s) => s.serverParticipantId)?.serverParticipantId ??
      (chain.zorgaanbieder ? this.settings.dvaOfZorgaanbieder?.(chain.zorgaanbieder) : undefined) ??
      '';
    return { dvpId, dvaId };
  }
}
