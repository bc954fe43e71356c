import { isUtf8 } from 'node:buffer';
import { LINE_SCHEMA } from '@app/ketenlog';
import { BatchCheck } from './batch-check';
import { quickCheckBatch } from './batch-quick-check';
import { BYTE_FORMATS } from './byte-formats';
import { compileLineShape, ObjectShape, UnsupportedSchemaError } from './line-shape';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LINES = [
  {
    event: {
      type: 'send_authorization_request',
      location: 'api.gezondheidsapp.example',
      datetime: '2026-01-31T12:00:00.000+01:00',
      session_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
      trace_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    },
    request: {
      id: 'req-1',
      method: 'get',
      client_id: 'api.gezondheidsapp.example',
      server_id: 'auth.huisartsnet.example',
      uri: 'https://auth.huisartsnet.example/oauth/authorize?client_id=x&scope=48',
      initiated_by: 'machine',
    },
  },
  {
    event: {
      type: 'receive_token_response',
      location: 'A-1.b2',
      datetime: '2026-12-31T23:59:59Z',
      trace_id: '7C9E6679-7425-40DE-944B-E07FC1F90AE7',
    },
    response: { request_id: 'zorg€-ü', status: 599 },
    error: { code: 'invalid_grant', description: '' },
  },
  {
    error: { code: 'x' },
    event: {
      trace_id: 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa',
      datetime: '2000-02-29T24:00:00-23:59',
      location: 'x',
      type: 'abc',
    },
  },
];

const shape = compileLineShape(LINE_SCHEMA);
const check = new BatchCheck({ maxDepth: 16, maxReportedErrors: 100 });

function fullVerdict(body: Buffer): number | string {
  try {
    return check.fullCheck(body).lineCount;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('quickCheckBatch', () => {
  it('reads the shipped line schema (so BatchCheck uses it)', () => {
    expect(check.shape).toBeDefined();
    expect(shape.depth).toBe(2);
  });

  it('settles valid batches, compact, pretty-printed and with a BOM', () => {
    const compact = Buffer.from(JSON.stringify(LINES));
    expect(quickCheckBatch(compact, shape, 16)).toBe(3);
    expect(quickCheckBatch(Buffer.from(`\uFEFF\n${JSON.stringify(LINES, null, '\t')}\r\n`), shape, 16)).toBe(
      3,
    );
    expect(check.check(compact)).toEqual({ lineCount: 3 });
  });

  it.each([
    ['empty', '[]'],
    ['unterminated', `[${JSON.stringify(LINES[0])}`],
    ['trailing comma', `[${JSON.stringify(LINES[0])},]`],
    ['trailing data', `[${JSON.stringify(LINES[0])}] x`],
    ['escape', JSON.stringify([LINES[0]]).replace('"uri":"https:', '"uri":"https:\\/')],
    ['enum', JSON.stringify([LINES[0]]).replace('"get"', '"GeT"')],
    ['fraction', JSON.stringify([LINES[1]]).replace('599', '599.0')],
    ['exponent', JSON.stringify([LINES[1]]).replace('599', '5e2')],
    ['range', JSON.stringify([LINES[1]]).replace('599', '600')],
    ['duplicate key', JSON.stringify([LINES[1]]).replace('"error":', '"event":')],
    ['unknown key', JSON.stringify([LINES[1]]).replace('"response":', '"extra":')],
    ['not a real time', JSON.stringify([LINES[1]]).replace('23:59:59Z', '23:59:60Z')],
    ['hostname', JSON.stringify([LINES[1]]).replace('"A-1.b2"', '"A-1.b2-"')],
    ['required', JSON.stringify([{ event: { ...LINES[1].event, trace_id: undefined } }])],
  ])('leaves a batch with %s to the full check', (_name, body) => {
    expect(quickCheckBatch(Buffer.from(body), shape, 16)).toBe(0);
  });

  it('refuses to go deeper than the configured depth', () => {
    expect(quickCheckBatch(Buffer.from(JSON.stringify(LINES)), shape, 1)).toBe(0);
  });

  it('never accepts what the full check refuses (random mutations of valid batches)', () => {
    const next = random(20261130);
    const alphabet = [...'"\\{}[],: \n0159-.eEZ+Taz_é\u0001\u007f\u20ac'];
    const base = Buffer.from(JSON.stringify([...LINES, LINES[0], LINES[2]]));
    let quickAccepted = 0;
    let compared = 0;
    for (let run = 0; run < 20_000; run++) {
      let text = base.toString('utf8');
      for (let m = 1 + Math.floor(next() * 3); m > 0; m--) {
        const at = Math.floor(next() * text.length);
        const ch = alphabet[Math.floor(next() * alphabet.length)];
        const op = next();
        if (op < 0.4) text = text.slice(0, at) + ch + text.slice(at + 1);
        else if (op < 0.7) text = text.slice(0, at) + ch + text.slice(at);
        else if (op < 0.9) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 4));
        else text = text.slice(0, at) + text.slice(at, at + 12) + text.slice(at);
      }
      const body = Buffer.from(text);
      if (!isUtf8(body)) continue;
      compared++;
      const quick = quickCheckBatch(body, shape, 16);
      if (quick > 0) {
        quickAccepted++;
        expect({ text, verdict: fullVerdict(body) }).toEqual({ text, verdict: quick });
      }
    }
    // The comparison means something only if mutations the quick check accepts occur.
    expect(compared).toBeGreaterThan(19_000);
    expect(quickAccepted).toBeGreaterThan(1_000);
  });
});

describe('byte formats', () => {
  const props = LINE_SCHEMA.properties;
  const cases: [string, string, () => string][] = [];
  const next = random(7);
  const pick = (chars: string, n: number) =>
    Array.from({ length: n }, () => chars[Math.floor(next() * chars.length)]).join('');
  cases.push([
    'uuid',
    props.event.properties.trace_id.pattern,
    () => {
      const s = [...'7c9e6679-7425-40de-944b-e07fc1f90ae7'];
      s[Math.floor(next() * 37)] = pick('0aF-gG.', 1);
      return next() < 0.1 ? s.join('').slice(1) : s.join('');
    },
  ]);
  cases.push([
    'hostname',
    props.event.properties.location.pattern,
    () =>
      next() < 0.05
        ? pick('a', 250 + Math.floor(next() * 8)).replace(/a/g, (c, i: number) => (i % 60 === 59 ? '.' : c))
        : pick('aZ9-.', Math.floor(next() * 12)) +
          (next() < 0.1 ? pick('a', 60 + Math.floor(next() * 6)) : ''),
  ]);
  cases.push([
    'event name',
    props.event.properties.type.pattern,
    () => pick('az09_A-', Math.floor(next() * 6)),
  ]);
  cases.push([
    'datetime',
    props.event.properties.datetime.pattern,
    () => {
      const d = (n: number) => String(Math.floor(next() * n)).padStart(2, '0');
      const frac = next() < 0.5 ? '' : `.${pick('0123456789', Math.floor(next() * 11))}`;
      const zone = next() < 0.3 ? 'Z' : `${pick('+-', 1)}${d(26)}:${d(62)}`;
      const s = `${pick('0129', 4)}-${d(14)}-${d(33)}T${d(26)}:${d(62)}:${d(62)}${frac}${zone}`;
      return next() < 0.1 ? s.replace(/\d/, pick('x ', 1)) : s;
    },
  ]);

  it.each(cases)('%s: accepts exactly what the schema pattern accepts', (name, pattern, sample) => {
    const format = BYTE_FORMATS.get(pattern)!;
    const regex = new RegExp(pattern, 'u');
    let accepted = 0;
    for (let k = 0; k < 20_000; k++) {
      const s = sample();
      const b = Buffer.from(`"${s}"`);
      const expected = regex.test(s) && (name !== 'datetime' || Number.isFinite(Date.parse(s)));
      if (format(b, 1, b.length - 1) !== expected)
        throw new Error(`${name}: ${JSON.stringify(s)} should be ${expected}`);
      if (expected) accepted++;
    }
    expect(accepted).toBeGreaterThan(500);
  });
});

describe('compileLineShape', () => {
  it('refuses a schema it cannot check exactly', () => {
    const withFormat = {
      ...LINE_SCHEMA,
      properties: { ...LINE_SCHEMA.properties, x: { type: 'string', format: 'email' } },
    };
    expect(() => compileLineShape(withFormat)).toThrow(UnsupportedSchemaError);
    const withPattern = { ...LINE_SCHEMA, properties: { x: { type: 'string', pattern: '^a$' } } };
    expect(() => compileLineShape(withPattern)).toThrow(UnsupportedSchemaError);
    expect(() => compileLineShape({ ...LINE_SCHEMA, additionalProperties: true })).toThrow(
      UnsupportedSchemaError,
    );
    const shape: ObjectShape = compileLineShape({
      type: 'object',
      additionalProperties: false,
      properties: {},
    });
    expect(shape.depth).toBe(1);
  });
});
