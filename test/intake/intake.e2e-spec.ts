import { INestApplication } from '@nestjs/common';
import { gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { ClickHouseService } from '@app/clickhouse';
import { SQL_CLIENT, SqlClient } from '@app/postgres';
import { TestParticipants, collectorConfig, startCollector, testParticipants } from '../support/collector';
import { eventually, testClickHouse } from '../support/engines';
import { line } from '../support/lines';
import { TestDatabase, createTestDatabase } from '../incidents/support/test-database';
import { IntakeHarness, Reply, intakeConfig } from './support/intake.harness';

/**
 * The participant intake end to end over real HTTP, Kafka and ClickHouse, with the collector
 * running: what a participant delivers is acknowledged only once durable, reads back via
 * GET /logs and shows up in its aanleveringen.
 */
describe('participant intake (HTTPS -> Kafka -> collector -> read-back)', () => {
  let participants: TestParticipants;
  let ch: ClickHouseService;
  let collector: INestApplication;
  let intake: IntakeHarness;
  let dvp: string;
  let dvpKey: string;
  let pg: TestDatabase;

  beforeAll(async () => {
    pg = await createTestDatabase('intake');
    participants = testParticipants();
    ch = await testClickHouse();
    collector = await startCollector(collectorConfig(participants, ch.database));
    intake = await IntakeHarness.start(intakeConfig(participants, ch.database, pg.url));
    dvp = participants.id('pgo-gezondheidsapp');
    dvpKey = (await intake.apiKey(dvp)).apiKey;
  });

  afterAll(async () => {
    await intake?.close();
    await collector?.close();
    await ch?.close();
    await pg?.drop();
  });

  const batchOf = (n: number) => Array.from({ length: n }, () => line('send_authorization_request'));
  const linesOf = (key: string, query: string) =>
    intake.request('GET', `/eagleeye/v1/logs?${query}`, { key });
  const storedLines = async (aanlevering: string) =>
    eventually(
      () => linesOf(dvpKey, `aanlevering=${aanlevering}&count=1000`),
      (r) => r.status === 200 && r.body.items.length > 0,
    );

  it('answers 200 with the aanlevering id and counts, and the lines read back with their verdict', async () => {
    const batch = batchOf(5);
    const res = await intake.post(dvpKey, batch);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'technisch OK', lineCount: 5 });
    expect(res.body.aanleveringId).toMatch(/^[0-9a-f-]{36}$/);

    const back = await storedLines(res.body.aanleveringId);
    expect(back.body.items).toHaveLength(5);
    expect(
      back.body.items.map((i: { line: { event: { trace_id: string } } }) => i.line.event.trace_id),
    ).toEqual(batch.map((l) => l.event.trace_id));
    expect(back.body.items[0]).toMatchObject({
      valid: true,
      errors: [],
      channel: 'http',
      aanlevering: res.body.aanleveringId,
      lineIndex: 0,
      line: { event: { type: 'send_authorization_request', datetime: batch[0].event.datetime } },
    });

    // The collector stores a batch's aanlevering row after its lines: wait for it as well.
    const listed = await eventually(
      () => intake.request('GET', '/eagleeye/v1/aanleveringen', { key: dvpKey }),
      (r) => r.status === 200 && r.body.items.some((a: { id: string }) => a.id === res.body.aanleveringId),
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((a: { id: string }) => a.id === res.body.aanleveringId)).toMatchObject({
      channel: 'http',
      status: 'technisch OK',
      counts: { lines: 5, stored: 5, valid: 5, invalid: 0, rejected: 0, duplicates: 0 },
    });
  });

  it('accepts Content-Encoding: gzip', async () => {
    const batch = batchOf(3);
    const res = await intake.request('POST', '/eagleeye/v1/logs', {
      key: dvpKey,
      body: gzipSync(JSON.stringify(batch)),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.body.lineCount).toBe(3);
    expect((await storedLines(res.body.aanleveringId)).body.items).toHaveLength(3);
  });

  it('answers 400 with every failing line when the batch is technisch niet OK, and stores nothing of it', async () => {
    const good = line('send_authorization_request');
    const noTrace = line('send_authorization_request');
    delete (noTrace.event as Partial<typeof noTrace.event>).trace_id;
    const badTime = line('send_authorization_request', { event: { datetime: 'yesterday' } });
    const res = await intake.post(dvpKey, [good, noTrace, badTime]);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'INTAKE_BATCH_NOT_OK',
      status: 'technisch niet OK',
      lineCount: 3,
      failedLineCount: 2,
    });
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, pointer: '/event/trace_id', rule: 'schema.required' }),
        expect.objectContaining({ index: 2, pointer: '/event/datetime', rule: 'schema.datetime' }),
      ]),
    );
    // A later good batch is processed; the good line of the refused batch never shows up.
    const later = await intake.post(dvpKey, batchOf(1));
    await storedLines(later.body.aanleveringId);
    const rows = await ch.query<{ n: string }>(
      ch.sql('SELECT count() AS n FROM {{db}}.ketenlog_events WHERE trace_id = {t:UUID}'),
      { t: good.event.trace_id },
    );
    expect(Number(rows[0].n)).toBe(0);
  });

  it('does not double count a batch delivered again after a lost response', async () => {
    const batch = batchOf(4);
    const first = await intake.post(dvpKey, batch);
    const second = await intake.post(dvpKey, batch);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.aanleveringId).not.toBe(first.body.aanleveringId);
    const detail = await eventually(
      () => intake.request('GET', `/eagleeye/v1/aanleveringen/${second.body.aanleveringId}`, { key: dvpKey }),
      (r) => r.status === 200,
    );
    expect(detail.body.counts).toMatchObject({ lines: 4, stored: 0, duplicates: 4 });
    const traces = new Set(batch.map((l) => l.event.trace_id));
    const all = await linesOf(dvpKey, 'count=1000');
    const copies = all.body.items.filter((i: { line: { event: { trace_id: string } } }) =>
      traces.has(i.line.event.trace_id),
    );
    expect(copies).toHaveLength(4);
  });

  it('lists functional errors per line in the aanlevering detail and filters GET /logs on valid', async () => {
    const unknownType = line('send_something_nobody_defined');
    const res = await intake.post(dvpKey, [line('send_authorization_request'), unknownType]);
    expect(res.status).toBe(200);
    const detail = await eventually(
      () => intake.request('GET', `/eagleeye/v1/aanleveringen/${res.body.aanleveringId}`, { key: dvpKey }),
      (r) => r.status === 200,
    );
    expect(detail.body).toMatchObject({ status: 'technisch OK', counts: { lines: 2, valid: 1, invalid: 1 } });
    expect(detail.body.invalidLines).toEqual([
      expect.objectContaining({
        lineIndex: 1,
        errors: expect.arrayContaining([expect.objectContaining({ rule: 'catalog.unknown-event-type' })]),
      }),
    ]);
    const invalid = await linesOf(dvpKey, `aanlevering=${res.body.aanleveringId}&valid=false`);
    expect(invalid.body.items).toHaveLength(1);
    expect(invalid.body.items[0].line.event.trace_id).toBe(unknownType.event.trace_id);
  });

  it('pages GET /logs with a stable cursor: every line exactly once, in receipt order', async () => {
    const a = await intake.post(dvpKey, batchOf(7));
    await storedLines(a.body.aanleveringId);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page: Reply = await linesOf(dvpKey, `count=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(
        ...page.body.items.map(
          (i: { aanlevering: string; lineIndex: number }) => `${i.aanlevering}:${i.lineIndex}`,
        ),
      );
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await linesOf(dvpKey, 'count=1000');
    expect(seen).toEqual(
      all.body.items.map(
        (i: { aanlevering: string; lineIndex: number }) => `${i.aanlevering}:${i.lineIndex}`,
      ),
    );
    // Reading on from the last cursor later sees only what arrived since.
    const last = await linesOf(dvpKey, 'count=1000');
    const tailCursor = (await linesOf(dvpKey, `count=${last.body.items.length}`)).body.nextCursor;
    const b = await intake.post(dvpKey, batchOf(2));
    await storedLines(b.body.aanleveringId);
    const incremental = await linesOf(dvpKey, `count=1000&cursor=${tailCursor}`);
    expect(incremental.body.items.map((i: { aanlevering: string }) => i.aanlevering)).toEqual([
      b.body.aanleveringId,
      b.body.aanleveringId,
    ]);
  });

  it('records every read in the access audit', async () => {
    await linesOf(dvpKey, 'count=1');
    await intake.request('GET', '/eagleeye/v1/aanleveringen', { key: dvpKey });
    await intake.request('GET', `/eagleeye/v1/aanleveringen/${randomUUID()}`, { key: dvpKey });
    const sql = intake.app.get<SqlClient>(SQL_CLIENT);
    const { rows } = await sql.query<{ resource: string; outcome: string; actor_participant_id: string }>(
      `SELECT resource, outcome, actor_participant_id FROM access_audit ORDER BY id DESC LIMIT 3`,
    );
    expect(
      rows.map((r) => [r.resource.split('/').slice(0, 4).join('/'), r.outcome, r.actor_participant_id]),
    ).toEqual([
      ['/eagleeye/v1/aanleveringen', 'denied', dvp],
      ['/eagleeye/v1/aanleveringen', 'granted', dvp],
      ['/eagleeye/v1/logs', 'granted', dvp],
    ]);
  });

  it('answers 401 without or with a wrong key and 403 with a revoked key', async () => {
    expect((await intake.post('', batchOf(1))).status).toBe(401);
    expect((await intake.post('kmk_0000000000000000_' + 'a'.repeat(43), batchOf(1))).status).toBe(401);
    expect((await intake.post('not-a-key', batchOf(1))).status).toBe(401);
    expect((await intake.request('GET', '/eagleeye/v1/logs')).status).toBe(401);
    const { apiKey, keyId } = await intake.apiKey(dvp);
    expect((await intake.post(apiKey, batchOf(1))).status).toBe(200);
    const revoked = await intake.request('DELETE', `/eagleeye/v1/admin/api-keys/${keyId}`, {
      token: await intake.operatorToken(),
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBeTruthy();
    expect((await intake.post(apiKey, batchOf(1))).status).toBe(403);
    expect((await intake.request('GET', '/eagleeye/v1/logs', { key: apiKey })).status).toBe(403);
  });

  it('lets only operators manage keys', async () => {
    const asAuditor = await intake.request('POST', '/eagleeye/v1/admin/api-keys', {
      token: await intake.operatorToken(['auditor']),
      json: { participantId: dvp },
    });
    expect(asAuditor.status).toBe(403);
    expect((await intake.request('GET', '/eagleeye/v1/admin/api-keys', { key: dvpKey })).status).toBe(401);
    const unknown = await intake.request('POST', '/eagleeye/v1/admin/api-keys', {
      token: await intake.operatorToken(),
      json: { participantId: 'nobody-registered' },
    });
    expect(unknown.status).toBe(400);
    const listed = await intake.request('GET', `/eagleeye/v1/admin/api-keys?participantId=${dvp}`, {
      token: await intake.operatorToken(),
    });
    expect(listed.status).toBe(200);
    expect(listed.body.length).toBeGreaterThan(0);
    expect(JSON.stringify(listed.body)).not.toMatch(/kmk_|secret/);
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    const health = await intake.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.checks).toMatchObject({
      kafka: { ok: true },
      clickhouse: { ok: true },
      postgres: { ok: true },
    });
    const metrics = await intake.request('GET', '/metrics');
    expect(metrics.body).toContain('ketenmonitor_intake_lines_total');
    const doc = await intake.request('GET', '/eagleeye/v1/swagger-json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/eagleeye/v1/logs',
        '/eagleeye/v1/aanleveringen',
        '/eagleeye/v1/aanleveringen/{id}',
      ]),
    );
  });
});
