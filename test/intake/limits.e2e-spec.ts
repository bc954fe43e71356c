import { INestApplication } from '@nestjs/common';
import { gzipSync } from 'node:zlib';
import { ClickHouseService } from '@app/clickhouse';
import { MAX_MESSAGE_CHARS } from '@app/config';
import { TestParticipants, collectorConfig, startCollector, testParticipants } from '../support/collector';
import { eventually, testClickHouse } from '../support/engines';
import { line } from '../support/lines';
import { TestDatabase, createTestDatabase } from '../incidents/support/test-database';
import { IntakeHarness, intakeConfig } from './support/intake.harness';

/** Size and rate limits: a near-60 MB batch goes through; above 60 MB is 413; a burst past the rate is 429. */
describe('intake limits', () => {
  let participants: TestParticipants;
  let ch: ClickHouseService;
  let pg: TestDatabase;
  let collector: INestApplication;
  let intake: IntakeHarness;
  let key: string;

  beforeAll(async () => {
    participants = testParticipants();
    ch = await testClickHouse();
    pg = await createTestDatabase('intake_limits');
    collector = await startCollector(collectorConfig(participants, ch.database));
    intake = await IntakeHarness.start(intakeConfig(participants, ch.database, pg.url));
    key = (await intake.apiKey(participants.id('pgo-gezondheidsapp'))).apiKey;
  });

  afterAll(async () => {
    await intake?.close();
    await collector?.close();
    await ch?.close();
    await pg?.drop();
  });

  it('accepts a batch just under 60 MB and the collector stores every line', async () => {
    const template = JSON.stringify(line('send_authorization_request'));
    const lines: string[] = [];
    let size = 2;
    while (size + template.length + 1 < MAX_MESSAGE_CHARS - 1_000_000) {
      const l = JSON.stringify(line('send_authorization_request'));
      lines.push(l);
      size += l.length + 1;
    }
    const body = Buffer.from(`[${lines.join(',')}]`);
    expect(body.length).toBeGreaterThan(59 * 1024 * 1024);
    const res = await intake.request('POST', '/eagleeye/v1/logs', {
      key,
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.body.lineCount).toBe(lines.length);
    const detail = await eventually(
      () => intake.request('GET', `/eagleeye/v1/aanleveringen/${res.body.aanleveringId}`, { key }),
      (r) => r.status === 200,
      180_000,
      1_000,
    );
    expect(detail.body).toMatchObject({
      status: 'technisch OK',
      counts: { lines: lines.length, stored: lines.length, valid: lines.length },
    });
  }, 300_000);

  it('answers 413 above 60 MB, on the wire and after gunzip', async () => {
    const tooBig = Buffer.alloc(MAX_MESSAGE_CHARS + 1, 0x20);
    tooBig[0] = 0x5b;
    tooBig[tooBig.length - 1] = 0x5d;
    const plain = await intake
      .request('POST', '/eagleeye/v1/logs', {
        key,
        body: tooBig,
        headers: { 'content-type': 'application/json' },
      })
      .catch((err: Error) => ({ status: -1, body: err.message }));
    expect(plain.status).toBe(413);
    const bomb = await intake.request('POST', '/eagleeye/v1/logs', {
      key,
      body: gzipSync(tooBig),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(bomb.status).toBe(413);
    expect(bomb.body.code).toBe('INTAKE_PAYLOAD_TOO_LARGE');
  });

  it('answers 429 with Retry-After when a participant exceeds its rate', async () => {
    const limited = await IntakeHarness.start(
      intakeConfig(participants, ch.database, pg.url, {
        INTAKE_RATE_PER_MINUTE: '6',
        INTAKE_RATE_BURST: '2',
      }),
    );
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 3; i++) {
        const res = await limited.post(key, [line('send_authorization_request')]);
        statuses.push(res.status);
        retryAfter = res.headers.get('retry-after');
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(10);
      // Another participant has its own bucket.
      const other = (await limited.apiKey(participants.id('dva-huisartsnet'))).apiKey;
      expect((await limited.post(other, [line('receive_authorization_request')])).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
