import { loadCatalogRegistry } from '@app/ketenlog';
import { ChainParty } from './chain-classification';
import { pairHops } from './hop-pairing';

const T0 = Date.parse('2026-03-02T10:00:00Z');

function step(eventType: string, timeMs: number, requestKey: string) {
  return {
    eventType,
    timeMs,
    requestKey,
    status: 200,
    errorCode: '',
    clientParticipantId: '',
    serverParticipantId: '',
  };
}

function party(participantId: string, role: string, steps: ReturnType<typeof step>[]): ChainParty {
  return {
    participantId,
    role,
    firstEventMs: T0,
    lastEventMs: T0,
    lastReceivedMs: T0,
    lines: steps.length,
    steps,
  };
}

describe('pairHops', () => {
  const catalog = loadCatalogRegistry().latest();

  it('pairs send_X with the other party receive_X by request id and measures latency both ways', () => {
    // The DVA clock runs 90 s ahead: request hops show +90 s + transit, response hops -90 s + transit.
    const dvp = party('pgo-a', 'DVP', [
      step('send_authorization_request', T0, 'r1'),
      step('receive_authorization_response', T0 + 30_000 - 90_000 + 150, 'r2'),
      step('send_token_request', T0 + 31_000, 'r3'),
    ]);
    const dva = party('dva-x', 'DVA', [
      step('receive_authorization_request', T0 + 90_000 + 120, 'r1'),
      step('send_authorization_response', T0 + 30_000, 'r2'),
      step('receive_token_request', T0 + 31_000 + 90_000 + 80, 'r3'),
      step('send_authentication_request', T0 + 91_000, 'x'),
    ]);
    const hops = pairHops([dvp, dva], catalog);
    expect(hops.map((h) => [h.hop, h.direction, h.latencyMs])).toEqual([
      ['send_authorization_request', 'DVP->DVA', 90_120],
      ['send_authorization_response', 'DVA->DVP', -89_850],
      ['send_token_request', 'DVP->DVA', 90_080],
    ]);
    expect(hops[0]).toMatchObject({ senderId: 'pgo-a', receiverId: 'dva-x', requestKey: 'r1' });
  });

  it('does not pair events of the same party or with different request ids', () => {
    const dvp = party('pgo-a', 'DVP', [
      step('send_resource_request', T0, 'a'),
      step('send_resource_request', T0 + 5, 'b'),
    ]);
    const dva = party('dva-x', 'DVA', [
      step('receive_resource_request', T0 + 10, 'c'),
      step('receive_resource_request', T0 + 12, 'a'),
    ]);
    expect(pairHops([dvp, dva], catalog).map((h) => [h.requestKey, h.latencyMs])).toEqual([['a', 12]]);
  });
});
