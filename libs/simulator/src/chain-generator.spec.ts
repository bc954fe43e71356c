import {
  LineValidator,
  containsBsn,
  evaluateLineRules,
  loadCatalogRegistry,
  oldestAllowed,
  scopeFromUri,
} from '@app/ketenlog';
import { ParticipantDirectory, readParticipantsFile } from '@app/participants';
import { ChainGenerator } from './chain-generator';
import { SimulatedChain } from './simulated-chain';
import { ChainOutcome, DEFAULT_RATES, OUTCOME_RATE_KEYS, SimulationRates } from './simulation-options';

const participants = readParticipantsFile('deploy/local/participants.json');
const directory = new ParticipantDirectory(participants.participants, participants.zorgaanbieders);
const catalog = loadCatalogRegistry().latest();
const validator = new LineValidator();
const START = Date.UTC(2025, 8, 22, 14, 30);

function chains(count: number, seed: number, rates?: Partial<SimulationRates>): SimulatedChain[] {
  const generator = new ChainGenerator({ participants, seed, rates });
  return Array.from({ length: count }, (_, i) => generator.next(START + i * 50));
}

/** Every error a collector would give this line: schema first, then the functional rules. */
function lineErrors(participantId: string, line: unknown): string[] {
  const schema = validator.validate(line).map((e) => e.rule);
  if (schema.length > 0) return schema;
  const l = line as Parameters<typeof evaluateLineRules>[0]['line'];
  const eventTimeMs = Date.parse(l.event.datetime);
  return evaluateLineRules({
    line: l,
    catalogEvent: catalog.event(l.event.type),
    catalogVersion: catalog.version,
    participantId,
    participantRole: directory.get(participantId)?.role,
    locationParticipantId: directory.byHostname(l.event.location)?.id,
    eventTimeMs,
    receivedAtMs: eventTimeMs + 1_000,
    maxFutureSkewMs: 300_000,
    retentionMonths: 36,
    oldestAllowedMs: oldestAllowed(eventTimeMs + 1_000, 36),
    mayHoldBsn: true,
  }).map((e) => e.rule);
}

describe('ChainGenerator', () => {
  const sample = chains(3_000, 7);

  it('writes lines that pass the schema and every functional rule, for every clean chain', () => {
    const clean = sample.filter((c) => c.invalidLines === 0);
    expect(clean.length).toBeGreaterThan(2_900);
    const bad: unknown[] = [];
    for (const chain of clean) {
      for (const { participantId, line } of chain.lines) {
        const errors = lineErrors(participantId, line);
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0[12]:00$/.test(line.event.datetime)) {
          errors.push('datetime not written as a Dutch participant writes it');
        }
        if (errors.length > 0) bad.push({ participantId, line, errors });
      }
    }
    expect(bad).toEqual([]);
  });

  it('gives both parties the DVP-created trace_id, and logs from both unless the chain is one-sided', () => {
    for (const chain of sample) {
      expect(chain.lines.every((l) => l.line.event.trace_id === chain.traceId)).toBe(true);
      const parties = new Set(chain.lines.map((l) => l.participantId));
      if (chain.oneSided === undefined) expect(parties).toEqual(new Set([chain.dvpId, chain.dvaId]));
      else expect(parties.size).toBe(1);
    }
    expect(new Set(sample.map((c) => c.traceId)).size).toBe(sample.length);
  });

  it('orders every send_X before its receive_X, in flow order, with hop latencies of ms and user steps of seconds', () => {
    let pairs = 0;
    for (const chain of sample) {
      const ats = chain.lines.map((l) => l.at);
      expect(ats).toEqual([...ats].sort((a, b) => a - b));
      const written = chain.lines.filter((l) => !l.invalid);
      expect(written.map((l) => Date.parse(l.line.event.datetime))).toEqual(written.map((l) => l.at));
      chain.lines.forEach((sent, i) => {
        const counterpart = catalog.event(sent.line.event.type)?.counterpart;
        if (!sent.line.event.type.startsWith('send_') || !counterpart) return;
        const id = sent.line.request?.id ?? sent.line.response?.request_id;
        const received = chain.lines.findIndex(
          (l) =>
            l.line.event.type === counterpart && (l.line.request?.id ?? l.line.response?.request_id) === id,
        );
        if (received < 0) return; // the other party did not log (one-sided) or never received it
        pairs++;
        expect(received).toBeGreaterThan(i);
        const hop = chain.lines[received].at - sent.at;
        expect(hop).toBeGreaterThan(0);
        expect(hop).toBeLessThan(60_000);
      });
    }
    expect(pairs).toBeGreaterThan(sample.length * 3);
    const happy = sample.filter((c) => c.outcome === 'happy' && !c.oneSided);
    const durations = happy.map((c) => c.endMs - c.startMs).sort((a, b) => a - b);
    // DigiD and consent take seconds: a median happy chain lasts tens of seconds, not milliseconds.
    expect(durations[Math.floor(durations.length / 2)]).toBeGreaterThan(10_000);
    expect(durations[Math.floor(durations.length / 2)]).toBeLessThan(120_000);
  });

  it('carries the zorgaanbieder and gegevensdiensten in the scope of the authorization request', () => {
    for (const chain of sample) {
      const request = chain.lines.find((l) => l.line.event.type.endsWith('authorization_request'))?.line
        .request;
      const scope = scopeFromUri(request!.uri);
      expect(scope?.zorgaanbieder).toBe(chain.zorgaanbieder);
      expect(scope?.gegevensdiensten).toEqual(chain.gegevensdiensten);
      expect(scope?.subscribe).toBe(chain.flow === 'abonneren');
      const offered = directory.zorgaanbieder(chain.zorgaanbieder)!;
      expect(offered.dvaId).toBe(chain.dvaId);
      for (const g of chain.gegevensdiensten) expect(offered.gegevensdiensten).toContain(g);
      if (chain.flow !== 'verzamelen') expect(chain.gegevensdiensten).toHaveLength(1);
    }
    expect(new Set(sample.map((c) => c.flow))).toEqual(new Set(['verzamelen', 'delen', 'abonneren']));
  });

  it('ends each kind of chain the way its outcome says', () => {
    const lastType = (c: SimulatedChain): string => c.lines[c.lines.length - 1].line.event.type;
    const types = (c: SimulatedChain): string[] => c.lines.map((l) => l.line.event.type);
    for (const c of sample.filter((x) => !x.oneSided && x.invalidLines === 0)) {
      const errorEvents = types(c).filter((t) => catalog.event(t)?.class === 'error');
      switch (c.outcome) {
        case 'happy':
          expect(lastType(c)).toBe('receive_resource_response');
          expect(c.lines.some((l) => l.line.error)).toBe(false);
          break;
        case 'abandonment':
          expect(catalog.event(lastType(c))?.userFacing).toBe(true);
          expect(errorEvents).toEqual([]);
          expect(c.lines.some((l) => l.line.error)).toBe(false);
          break;
        case 'cancellation':
          expect(catalog.event(lastType(c))?.class).toBe('cancellation');
          break;
        case 'authentication_error':
          expect(errorEvents).toEqual(['receive_authentication_error']);
          expect(c.lines[c.lines.length - 1]).toMatchObject({
            participantId: c.dvpId,
            line: { error: { code: 'access_denied' } },
          });
          break;
        case 'token_error':
          expect(errorEvents).toEqual(['send_token_request_error', 'receive_token_request_error']);
          break;
        case 'resource_error':
          expect(errorEvents).toEqual(['send_resource_request_error', 'receive_resource_request_error']);
          break;
        default:
          expect(errorEvents.length).toBeGreaterThan(0);
          expect(errorEvents.every((t) => catalog.event(t)?.errorArea)).toBe(true);
      }
    }
  });

  it('comes out near the configured rates over a large sample', () => {
    const rates: Partial<SimulationRates> = {
      ...DEFAULT_RATES,
      abandonment: 0.1,
      tokenError: 0.05,
      oneSided: 0.05,
      timestampWithoutOffset: 0.01,
      unknownEventType: 0.01,
      bsnInUri: 0.005,
    };
    const big = chains(20_000, 11, rates);
    const share = (pred: (c: SimulatedChain) => boolean): number => big.filter(pred).length / big.length;
    const within = (actual: number, expected: number): void => {
      const sigma = Math.sqrt((expected * (1 - expected)) / big.length);
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(4 * sigma + 1e-9);
    };
    let failures = 0;
    for (const [outcome, key] of OUTCOME_RATE_KEYS) {
      within(
        share((c) => c.outcome === outcome),
        rates[key]!,
      );
      failures += rates[key]!;
    }
    within(
      share((c) => c.outcome === ('happy' as ChainOutcome)),
      1 - failures,
    );
    within(
      share((c) => c.oneSided !== undefined),
      0.05,
    );
    const lines = big.flatMap((c) => c.lines);
    const lineShare = (kind: string): number => lines.filter((l) => l.invalid === kind).length / lines.length;
    const withinLines = (actual: number, expected: number): void =>
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
        4 * Math.sqrt((expected * (1 - expected)) / lines.length),
      );
    withinLines(lineShare('timestamp_without_offset'), 0.01);
    withinLines(lineShare('unknown_event_type'), 0.01);
    const withRequest = lines.filter((l) => l.line.request).length / lines.length;
    withinLines(lineShare('bsn_in_uri'), 0.005 * withRequest);
  });

  it('makes invalid lines fail the way the collector must catch them', () => {
    const spoiled = chains(5_000, 3, { timestampWithoutOffset: 0.01, unknownEventType: 0.01, bsnInUri: 0.01 })
      .flatMap((c) => c.lines)
      .filter((l) => l.invalid);
    const kinds = new Set(spoiled.map((l) => l.invalid));
    expect(kinds).toEqual(new Set(['timestamp_without_offset', 'unknown_event_type', 'bsn_in_uri']));
    for (const l of spoiled) {
      const errors = lineErrors(l.participantId, l.line);
      if (l.invalid === 'timestamp_without_offset') expect(errors).toEqual(['schema.datetime']);
      if (l.invalid === 'unknown_event_type') expect(errors).toEqual(['catalog.unknown-event-type']);
      if (l.invalid === 'bsn_in_uri') {
        expect(errors).toEqual(['privacy.bsn']);
        expect(containsBsn(l.line.request!.uri)).toBe(true);
      }
    }
  });

  it('never puts a BSN-like number in a clean line', () => {
    const lines = chains(5_000, 5, { bsnInUri: 0 }).flatMap((c) => c.lines);
    expect(lines.filter((l) => containsBsn(JSON.stringify(l.line)))).toEqual([]);
  });

  it('gives the same output for the same seed, and different output for another', () => {
    expect(JSON.stringify(chains(300, 42))).toBe(JSON.stringify(chains(300, 42)));
    expect(JSON.stringify(chains(300, 43))).not.toBe(JSON.stringify(chains(300, 42)));
  });

  it("shifts the skewed participant's timestamps and no one else's", () => {
    const generator = new ChainGenerator({
      participants,
      seed: 9,
      rates: { timestampWithoutOffset: 0 },
      clockSkew: { participantId: 'dva-huisartsnet', offsetMs: -75_000 },
    });
    let skewed = 0;
    const wrong: unknown[] = [];
    for (let i = 0; i < 500; i++) {
      for (const l of generator.next(START + i * 100).lines) {
        const drift = Date.parse(l.line.event.datetime) - l.at;
        if (drift !== (l.participantId === 'dva-huisartsnet' ? -75_000 : 0)) wrong.push(l);
        if (drift !== 0) skewed++;
      }
    }
    expect(wrong).toEqual([]);
    expect(skewed).toBeGreaterThan(0);
  });

  it('refuses outcome rates that add up to more than 1', () => {
    expect(
      () => new ChainGenerator({ participants, seed: 1, rates: { abandonment: 0.7, cancellation: 0.5 } }),
    ).toThrow(/at most 1/);
  });
});
