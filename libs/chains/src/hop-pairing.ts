import { Catalog, CatalogEvent } from '@app/ketenlog';
import { ChainParty } from './chain-classification';

/** A send of one party matched with the counterpart's receive. */
export interface PairedHop {
  /** The sending event's name. */
  readonly hop: string;
  readonly requestKey: string;
  readonly direction: 'DVP->DVA' | 'DVA->DVP';
  readonly senderId: string;
  readonly receiverId: string;
  readonly sentAtMs: number;
  readonly arrivedAtMs: number;
  /** Receive time minus send time, each on its own party's clock (so it includes their offset). */
  readonly latencyMs: number;
}

interface Candidate {
  readonly party: ChainParty;
  readonly event: CatalogEvent;
  readonly requestKey: string;
  readonly timeMs: number;
}

/**
 * Pairs each event that has a counterpart in the catalog with the counterpart event of another
 * party, by request id (request.id / response.request_id). Of a counterpart pair, the event with
 * the lower flow step is the sending side. When the ids do not match (a party not logging ids)
 * and the chain has exactly one of each, those two are paired.
 */
export function pairHops(parties: readonly ChainParty[], catalog: Catalog): PairedHop[] {
  const byType = new Map<string, Candidate[]>();
  for (const party of parties) {
    for (const step of party.steps) {
      const event = catalog.event(step.eventType);
      if (!event?.counterpart) continue;
      const list = byType.get(event.name) ?? [];
      list.push({ party, event, requestKey: step.requestKey, timeMs: step.timeMs });
      byType.set(event.name, list);
    }
  }
  const hops: PairedHop[] = [];
  for (const [name, sends] of byType) {
    const sendEvent = sends[0].event;
    const receiveEvent = catalog.event(sendEvent.counterpart ?? '');
    if (!receiveEvent || receiveEvent.step <= sendEvent.step) continue;
    const receives = byType.get(receiveEvent.name) ?? [];
    const used = new Set<Candidate>();
    for (const send of sends) {
      let match = receives.find(
        (r) =>
          !used.has(r) && r.party !== send.party && r.requestKey !== '' && r.requestKey === send.requestKey,
      );
      if (!match && sends.length === 1 && receives.length === 1 && receives[0].party !== send.party) {
        match = receives[0];
      }
      if (!match) continue;
      used.add(match);
      hops.push({
        hop: name,
        requestKey: send.requestKey || match.requestKey,
        direction: send.party.role === 'DVA' ? 'DVA->DVP' : 'DVP->DVA',
        senderId: send.party.participantId,
        receiverId: match.party.participantId,
        sentAtMs: send.timeMs,
        arrivedAtMs: match.timeMs,
        latencyMs: match.timeMs - send.timeMs,
      });
    }
  }
  return hops.sort((a, b) => a.sentAtMs - b.sentAtMs);
}
