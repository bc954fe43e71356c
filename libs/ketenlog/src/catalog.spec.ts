import { CatalogDocument, CatalogRegistry, loadCatalogRegistry } from './catalog';
import { canonicalLine, eventUid } from './event-uid';
import { line } from '../../../test/support/lines';

describe('event catalog', () => {
  it('ships the confirmed events of the published logging interface', () => {
    const catalog = loadCatalogRegistry().latest();
    for (const name of [
      'send_authorization_request',
      'receive_authorization_request',
      'show_landing_page',
      'send_artifact_resolution_request',
    ]) {
      expect(catalog.event(name)?.status).toBe('confirmed');
    }
    expect(catalog.event('send_token_request')).toMatchObject({
      role: 'DVP',
      counterpart: 'receive_token_request',
    });
  });

  it('judges a line by the version in force at its event time', () => {
    const v1: CatalogDocument = { version: 'v1', validFrom: '2024-01-01T00:00:00Z', events: [] };
    const v2: CatalogDocument = { version: 'v2', validFrom: '2026-07-01T00:00:00Z', events: [] };
    const registry = new CatalogRegistry([v2, v1]);
    expect(registry.forTime(Date.parse('2026-06-30T23:59:59Z')).version).toBe('v1');
    expect(registry.forTime(Date.parse('2026-07-01T00:00:00Z')).version).toBe('v2');
    expect(registry.forTime(Date.parse('2020-01-01T00:00:00Z')).version).toBe('v1');
  });

  it('refuses a catalog whose counterpart does not exist', () => {
    const bad: CatalogDocument = {
      version: 'x',
      validFrom: '2024-01-01T00:00:00Z',
      events: [
        {
          name: 'a',
          role: 'DVP',
          step: 1,
          class: 'happy',
          counterpart: 'b',
          status: 'inferred',
          userFacing: false,
          requiredInHappyFlow: true,
          carries: 'any',
        },
      ],
    };
    expect(() => new CatalogRegistry([bad])).toThrow(/unknown counterpart b/);
  });
});

describe('event uid', () => {
  it('is the same for the same content in another key order, and differs per participant', () => {
    const a = line('send_authorization_request');
    const reordered = JSON.parse(JSON.stringify({ request: a.request, event: { ...a.event } }));
    expect(canonicalLine(reordered)).toBe(canonicalLine(a));
    expect(eventUid('p1', reordered)).toBe(eventUid('p1', a));
    expect(eventUid('p2', a)).not.toBe(eventUid('p1', a));
    expect(eventUid('p1', a)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
