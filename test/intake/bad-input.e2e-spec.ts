import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { ClickHouseService } from '@app/clickhouse';
import { TestParticipants, testParticipants } from '../support/collector';
import { testClickHouse } from '../support/engines';
import { line } from '../support/lines';
import { TestDatabase, createTestDatabase } from '../incidents/support/test-database';
import { IntakeHarness, intakeConfig } from './support/intake.harness';

const JSON_TYPE = { 'content-type': 'application/json' };

/** Bad input of every kind gets a clear 4xx naming the problem, never a 500 or a crash. */
describe('intake: bad input', () => {
  let participants: TestParticipants;
  let ch: ClickHouseService;
  let pg: TestDatabase;
  let intake: IntakeHarness;
  let key: string;

  beforeAll(async () => {
    participants = testParticipants();
    ch = await testClickHouse();
    pg = await createTestDatabase('intake_bad');
    intake = await IntakeHarness.start(intakeConfig(participants, ch.database, pg.url));
    key = (await intake.apiKey(participants.id('pgo-gezondheidsapp'))).apiKey;
  });

  afterAll(async () => {
    // The app must still be healthy after everything below (Kafka is not used by these cases).
    expect((await intake.request('GET', '/eagleeye/v1/logs', { key })).status).toBe(200);
    await intake?.close();
    await ch?.close();
    await pg?.drop();
  });

  const post = (body: Buffer | string, headers: Record<string, string> = JSON_TYPE) =>
    intake.request('POST', '/eagleeye/v1/logs', { key, body, headers });
  const valid = () => JSON.stringify(line('send_authorization_request'));
  const nested = (depth: number) => `[${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}]`;

  it.each([
    ['malformed JSON', 'not json at all', 400, 'message.not-lines'],
    ['a truncated array', `[${valid()}`, 400, 'message.not-json'],
    ['a truncated line', '[{"event":', 400, 'message.not-json'],
    ['trailing data', `[${valid()}] []`, 400, 'message.not-json'],
    ['an empty body', '', 400, 'message.empty'],
    ['an empty array', '[]', 400, 'message.empty'],
    ['a single object', valid(), 400, 'message.not-lines'],
    ['null', 'null', 400, 'message.not-lines'],
    ['a bare string', '"x"', 400, 'message.not-lines'],
    [
      'deep nesting (100,000 levels)',
      `[${'['.repeat(100_000)}${']'.repeat(100_000)}]`,
      400,
      'message.too-deep',
    ],
    ['deep object nesting', nested(50), 400, 'message.too-deep'],
    ['an unterminated string', '["abc]', 400, 'message.not-json'],
  ])('%s -> %i %s', async (_what, body, status, rule) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ code: 'INTAKE_MESSAGE_NOT_OK', rule, status: 'technisch niet OK' });
  });

  it.each([
    ['a line that is not JSON', `[${valid()},{"event": nope}]`, 1, 'line.not-json'],
    ['a raw control character in a string', `[${valid()},{"event":"a\u0001b"}]`, 1, 'line.not-json'],
    ['duplicate keys', `[{"event":{"type":"a"},"event":{"type":"b"}}]`, 0, 'message.duplicate-key'],
    [
      'duplicate keys written with an escape',
      `[${valid().replace('"event":{', '"event":{"type":"x","\\u0074ype":"y",')}]`,
      0,
      'message.duplicate-key',
    ],
    [
      'a __proto__ key',
      `[${valid().replace('{"event"', '{"__proto__":{"admin":true},"event"')}]`,
      0,
      'schema.unknown-field',
    ],
    ['a number instead of a line', '[1]', 0, 'schema.type'],
    [
      'a huge string (8 MB event type)',
      `[${valid().replace('"send_authorization_request"', `"${'a'.repeat(8_000_000)}"`)}]`,
      0,
      'schema.maxLength',
    ],
    [
      'a huge string in an unknown field',
      `[${valid().replace('{"event"', `{"blob":"${'x'.repeat(8_000_000)}","event"`)}]`,
      0,
      'schema.unknown-field',
    ],
  ])('%s -> 400 naming the line and rule', async (_what, body, index, rule) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INTAKE_BATCH_NOT_OK');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ index, rule })]));
    expect(JSON.stringify(res.body).length).toBeLessThan(200_000);
  });

  it('caps the listed errors of a batch of 200,000 bad lines and still counts them all', async () => {
    const res = await post(`[${Array.from({ length: 200_000 }, () => '1').join(',')}]`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ lineCount: 200_000, failedLineCount: 200_000, errorsTruncated: true });
    expect(res.body.errors).toHaveLength(1000);
  });

  it('refuses invalid UTF-8', async () => {
    const body = Buffer.concat([
      Buffer.from(`[${valid()},{"event":{"type":"`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}}]'),
    ]);
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ rule: 'message.invalid-utf8' });
  });

  it.each([
    ['no content type', {}],
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['application/xml', { 'content-type': 'application/xml' }],
    ['JSON in Latin-1', { 'content-type': 'application/json; charset=iso-8859-1' }],
    ['brotli', { 'content-type': 'application/json', 'content-encoding': 'br' }],
  ])('refuses %s with 415', async (_what, headers) => {
    const res = await post(`[${valid()}]`, headers as Record<string, string>);
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('INTAKE_UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a body that claims gzip but is not', async () => {
    const res = await post(`[${valid()}]`, { ...JSON_TYPE, 'content-encoding': 'gzip' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INTAKE_BAD_ENCODING');
    const truncated = gzipSync(`[${valid()}]`).subarray(0, 20);
    expect((await post(truncated, { ...JSON_TYPE, 'content-encoding': 'gzip' })).status).toBe(400);
  });

  it.each(
    [
      'count=abc',
      'count=-1',
      'count=0',
      'count=1e3',
      'count=99999999999999999999',
      'count=1&count=2',
      'count[]=1',
      'valid=maybe',
      'valid=1',
      'from=notadate',
      'from=2026-02-30T00:00:00Z',
      'to=1700000000',
      'to=2026-01-01T24:00:00Z',
      'aanlevering=123',
      'aanlevering=' + 'a'.repeat(5000),
      'cursor=!!!',
      'cursor=' + Buffer.from('[1,2]').toString('base64url'),
      'cursor=' + Buffer.from('{"__proto__":1}').toString('base64url'),
      'sort=desc',
      `from=${'9'.repeat(10_000)}`,
    ].map((q) => [q.length > 60 ? `${q.slice(0, 60)}...` : q, q]),
  )('GET /logs?%s -> 400', async (_label, query) => {
    const res = await intake.request('GET', `/eagleeye/v1/logs?${query}`, { key });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INTAKE_INVALID_QUERY');
  });

  it.each(['count=x', 'cursor=abc', 'valid=true', 'from=x'])(
    'GET /aanleveringen?%s -> 400',
    async (query) => {
      const res = await intake.request('GET', `/eagleeye/v1/aanleveringen?${query}`, { key });
      expect(res.status).toBe(400);
    },
  );

  it.each(
    ['not-a-uuid', '1', 'x'.repeat(2000), `${randomUUID()}x`, '%00'].map((id) => [id.slice(0, 40), id]),
  )('GET /aanleveringen/%s -> 400', async (_label, id) => {
    const res = await intake.request('GET', `/eagleeye/v1/aanleveringen/${id}`, { key });
    expect(res.status).toBe(400);
  });

  it('refuses bad admin input with 400', async () => {
    const token = await intake.operatorToken();
    const bad = [
      { rawBody: '{"participantId":', headers: JSON_TYPE },
      { json: { participantId: 123 } },
      { json: { participantId: participants.id('pgo-gezondheidsapp'), admin: true } },
      { json: { participantId: 'UPPER CASE' } },
      { json: [] },
    ];
    for (const b of bad) {
      const res = await intake.request('POST', '/eagleeye/v1/admin/api-keys', {
        token,
        json: 'json' in b ? b.json : undefined,
        body: 'rawBody' in b ? b.rawBody : undefined,
        headers: 'headers' in b ? b.headers : undefined,
      });
      expect([JSON.stringify(b), res.status]).toEqual([JSON.stringify(b), 400]);
    }
    const revokeBad = await intake.request('DELETE', '/eagleeye/v1/admin/api-keys/xyz', { token });
    expect(revokeBad.status).toBe(400);
    const revokeUnknown = await intake.request('DELETE', '/eagleeye/v1/admin/api-keys/0123456789abcdef', {
      token,
    });
    expect(revokeUnknown.status).toBe(404);
  });

  it('refuses malformed credentials with 401, never 500', async () => {
    for (const header of ['Bearer', 'Bearer ' + 'x'.repeat(10_000), 'Basic Zm9vOmJhcg==', 'kmk_zz_zz']) {
      const res = await intake.request('GET', '/eagleeye/v1/logs', { headers: { authorization: header } });
      expect([header.slice(0, 20), res.status]).toEqual([header.slice(0, 20), 401]);
    }
  });
});
