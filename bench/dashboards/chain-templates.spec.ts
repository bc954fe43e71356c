import { loadCatalogRegistry } from '@app/ketenlog';
import { CHAIN_TEMPLATES, meanLinesPerChain } from './chain-templates';
import { templateFacts } from './template-facts';

describe('bench/dashboards chain templates', () => {
  const catalogs = loadCatalogRegistry();
  const catalog = catalogs.forTime(Date.parse('2026-11-01T00:00:00Z'));

  it('weigh 1,000 per mille and average about 21 lines a chain', () => {
    expect(CHAIN_TEMPLATES.reduce((n, t) => n + t.perMille, 0)).toBe(1000);
    expect(meanLinesPerChain()).toBeCloseTo(20.7, 1);
  });

  it('use only catalog events, each logged by its own role', () => {
    for (const t of CHAIN_TEMPLATES) {
      for (const l of t.lines) {
        const event = catalog.event(l.event);
        expect(event).toBeDefined();
        if (event?.role !== 'ANY')
          expect(`${t.name}: ${l.event} by ${l.role}`).toBe(`${t.name}: ${l.event} by ${event?.role}`);
      }
    }
  });

  // The decisions the generator writes to chain_outcomes are the real classifier's.
  it.each([
    ['happy, one FHIR query', 'happy', '', 0, 6],
    ['happy, three FHIR queries', 'happy', '', 0, 10],
    ['cancelled at the landing page', 'alternative', '', 0, 2],
    ['abandoned at the landing page', 'abandoned', '', 0, 1],
    ['abandoned at the consent page', 'abandoned', '', 0, 1],
    ['authentication error', 'error', 'authentication', 0, 2],
    ['availability check error', 'error', 'availability_check', 1, 2],
    ['token error', 'error', 'token', 0, 4],
    ['resource server error', 'error', 'resource', 1, 6],
    ['technical failure at the resource server', 'error', 'technical', 1, 5],
    ['one-sided, the DVA did not log', 'one_sided', '', 0, 0],
    ['one-sided, the DVP did not log', 'one_sided', '', 0, 0],
  ])('%s: the finalizer decides %s (%s, server side %d) with %d hops', (name, outcome, area, side, hops) => {
    const t = CHAIN_TEMPLATES.find((x) => x.name === name);
    expect(t).toBeDefined();
    const f = templateFacts(t!, catalogs);
    expect([f.outcome, f.errorArea, f.serverSide, f.hops.length]).toEqual([outcome, area, side, hops]);
  });

  it("pair every hop from a send to the other party's receive, later in the flow", () => {
    for (const t of CHAIN_TEMPLATES) {
      for (const h of templateFacts(t, catalogs).hops) {
        expect(t.lines[h.send].role).not.toBe(t.lines[h.receive].role);
        expect(h.receive).toBeGreaterThan(h.send);
      }
    }
  });
});
