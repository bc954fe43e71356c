import { ChainClassifier, ChainParty, ChainSummary, pairHops } from '@app/chains';
import { CatalogRegistry } from '@app/ketenlog';
import { ChainTemplate } from './chain-templates';

/** The chain finalizer's grace periods the generated decisions assume (production defaults). */
export const ABANDON_GRACE_MS = 900_000;
export const ONE_SIDED_GRACE_MS = 4_500_000;

/** What the real chain finalizer decides for a chain of this template, and the hops it pairs. */
export interface TemplateFacts {
  readonly outcome: string;
  readonly errorArea: string;
  /** 0 none, 1 DVA, 2 DVP (chain_outcomes.server_side). */
  readonly serverSide: number;
  readonly dvpLogged: boolean;
  readonly dvaLogged: boolean;
  readonly furthestStep: number;
  readonly furthestEvent: string;
  /** How long after the chain's last line the finalizer decides it (its grace period). */
  readonly decideAfterMs: number;
  /** Paired hops as (sending line, receiving line) indexes into the template's lines. */
  readonly hops: ReadonlyArray<{ readonly send: number; readonly receive: number }>;
  readonly steps: readonly number[];
  readonly classes: readonly string[];
}

/** Participant ids of the synthetic chain (any DVP/DVA pair works the same). */
const DVP = 'dvp-0';
const DVA = 'dva-0';

/** A template as chain_parts would summarise it: one party per role, times from the median gaps. */
export function templateSummary(t: ChainTemplate, startMs: number): ChainSummary {
  let at = startMs;
  const times = t.lines.map((l) => (at += l.gapMs + 1));
  const parties: ChainParty[] = [];
  for (const role of ['DVA', 'DVP'] as const) {
    const idx = t.lines.map((l, i) => (l.role === role ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    parties.push({
      participantId: role === 'DVP' ? DVP : DVA,
      role,
      firstEventMs: times[idx[0]],
      lastEventMs: times[idx[idx.length - 1]],
      lastReceivedMs: times[idx[idx.length - 1]],
      lines: idx.length,
      steps: idx.map((i) => {
        const l = t.lines[i];
        return {
          eventType: l.event,
          timeMs: times[i],
          requestKey: l.slot >= 0 ? `slot-${l.slot}` : '',
          status: l.status,
          errorCode: l.errorCode,
          clientParticipantId: l.peer === 'dvp-auth' || l.peer === 'dvp-fhir' ? DVP : '',
          serverParticipantId: l.peer === 'dvp-auth' || l.peer === 'dvp-fhir' ? DVA : '',
        };
      }),
    });
  }
  return { traceId: t.name, parties, zorgaanbieder: 'za-0', gegevensdiensten: ['48'], sessionIds: [] };
}

export function templateFacts(
  t: ChainTemplate,
  catalogs: CatalogRegistry,
  startMs = Date.parse('2026-01-01T00:00:00Z'),
): TemplateFacts {
  const classifier = new ChainClassifier(catalogs, {
    abandonGraceMs: ABANDON_GRACE_MS,
    oneSidedGraceMs: ONE_SIDED_GRACE_MS,
    dvaOfZorgaanbieder: () => DVA,
  });
  const summary = templateSummary(t, startMs);
  const c = classifier.classify(summary, startMs + 86_400_000);
  if (c.dvpId !== DVP || c.dvaId !== DVA) {
    throw new Error(`template ${t.name}: the finalizer attributes it to ${c.dvpId}/${c.dvaId}`);
  }
  const catalog = catalogs.forTime(startMs);
  const hops = pairHops(summary.parties, catalog).map((h) => {
    const send = t.lines.findIndex((l) => l.event === h.hop && `slot-${l.slot}` === h.requestKey);
    const counterpart = catalog.event(h.hop)?.counterpart;
    const receive = t.lines.findIndex(
      (l) => l.event === counterpart && `slot-${l.slot}` === h.requestKey && l.role !== t.lines[send].role,
    );
    if (send < 0 || receive < 0) throw new Error(`template ${t.name}: cannot place hop ${h.hop}`);
    return { send, receive };
  });
  const decideAfterMs =
    c.outcome === 'one_sided' ? ONE_SIDED_GRACE_MS : c.outcome === 'abandoned' ? ABANDON_GRACE_MS : 60_000;
  return {
    outcome: c.outcome,
    errorArea: c.errorArea,
    serverSide: c.failedSide === 'DVA' ? 1 : c.failedSide === 'DVP' ? 2 : 0,
    dvpLogged: c.dvpLogged,
    dvaLogged: c.dvaLogged,
    furthestStep: c.furthestStep,
    furthestEvent: c.furthestEvent,
    decideAfterMs,
    hops,
    steps: t.lines.map((l) => catalog.event(l.event)?.step ?? 0),
    classes: t.lines.map((l) => catalog.event(l.event)?.class ?? ''),
  };
}
