import { createHash } from 'node:crypto';
import { line } from '../../../test/support/lines';
import { canonicalLine, canonicalLineReference, eventUid, uuidFromHash } from './event-uid';
import { KetenlogLine } from './line.schema';

describe('uuidFromHash', () => {
  // event_uid and aanlevering_id are dedup keys for rows stored long ago: the function must
  // keep giving the same id for the same text whatever way the digest is computed.
  it('is the first 128 bits of SHA-256 in UUID form, unchanged', () => {
    expect(uuidFromHash('kafka:ketenlog.pgo-gezondheidsapp:0:42')).toBe(
      'b648ced7-7f11-8449-8466-ed43c511eeb7',
    );
    const h = createHash('sha256').update('p1\n["x"]').digest('hex');
    expect(uuidFromHash('p1\n["x"]').replace(/-/g, '').slice(0, 12)).toBe(h.slice(0, 12));
    expect(uuidFromHash('p1\n["x"]')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('canonicalLine', () => {
  // Every event_uid stored so far hashes canonicalLineReference's text: the faster version must
  // give the same text for every line shape the schema admits.
  const awkward = 'a"b\\c\nd\u0001\ud800é€ 111222333';
  const shapes: KetenlogLine[] = [];
  for (let mask = 0; mask < 64; mask++) {
    for (const text of ['plain', awkward]) {
      const has = (bit: number) => (mask & (1 << bit)) !== 0;
      const l = line('send_authorization_request', {
        request: { id: `id-${text}`, uri: `https://x.example/${text}`, initiated_by: `by-${text}` },
        response: { request_id: `rq-${text}`, status: 200 + mask },
        error: { code: `c-${text}`, description: `d-${text}` },
      });
      if (!has(0)) delete l.event.session_id;
      if (!has(1)) delete l.request;
      else if (!has(2)) delete l.request?.initiated_by;
      if (!has(3)) delete l.response;
      if (!has(4)) delete l.error;
      else if (!has(5)) delete l.error?.description;
      shapes.push(l);
    }
  }

  it('is exactly the reference text for every combination of optional parts and awkward strings', () => {
    const differing = shapes.filter((l) => canonicalLine(l) !== canonicalLineReference(l));
    expect(differing).toEqual([]);
    // The shapes differ from each other, so a constant would not pass.
    expect(new Set(shapes.map((l) => canonicalLine(l))).size).toBe(shapes.length);
  });

  it('keeps a known line at its known id', () => {
    const known: KetenlogLine = {
      event: {
        type: 'send_authorization_request',
        location: 'api.gezondheidsapp.example',
        datetime: '2026-11-30T10:59:00.250+01:00',
        session_id: '11111111-2222-4333-8444-555555555555',
        trace_id: '66666666-7777-4888-8999-000000000000',
      },
      request: {
        id: 'r-1',
        method: 'get',
        client_id: 'api.gezondheidsapp.example',
        server_id: 'auth.huisartsnet.example',
        uri: 'https://auth.huisartsnet.example/authorize?scope=huisartsdeboer~48',
      },
    };
    expect(eventUid('pgo-gezondheidsapp', known)).toBe(
      uuidFromHash(`pgo-gezondheidsapp\n${canonicalLineReference(known)}`),
    );
    expect(canonicalLine(known)).toBe(
      '["send_authorization_request","api.gezondheidsapp.example","2026-11-30T10:59:00.250+01:00",' +
        '"11111111-2222-4333-8444-555555555555","66666666-7777-4888-8999-000000000000",' +
        '["r-1","get","api.gezondheidsapp.example","auth.huisartsnet.example",' +
        '"https://auth.huisartsnet.example/authorize?scope=huisartsdeboer~48",null],null,null]',
    );
  });
});
