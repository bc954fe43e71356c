import { INestApplication } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseService } from '@app/clickhouse';
import { formatSummary, runSubmit } from '@app/intake';
import { TestParticipants, collectorConfig, startCollector, testParticipants } from '../support/collector';
import { eventually, testClickHouse } from '../support/engines';
import { line } from '../support/lines';
import { TestDatabase, createTestDatabase } from '../incidents/support/test-database';
import { IntakeHarness, intakeConfig } from './support/intake.harness';

/** `ketenlog submit`: JSON and NDJSON files in batches, bad lines set aside with reasons, retries on 429. */
describe('ketenlog submit', () => {
  let participants: TestParticipants;
  let ch: ClickHouseService;
  let pg: TestDatabase;
  let collector: INestApplication;
  let intake: IntakeHarness;
  let key: string;

  beforeAll(async () => {
    participants = testParticipants();
    ch = await testClickHouse();
    pg = await createTestDatabase('intake_cli');
    collector = await startCollector(collectorConfig(participants, ch.database));
    // A tight rate (2 at once, then one a second) so the CLI has to wait and retry.
    intake = await IntakeHarness.start(
      intakeConfig(participants, ch.database, pg.url, {
        INTAKE_RATE_PER_MINUTE: '60',
        INTAKE_RATE_BURST: '2',
      }),
    );
    key = (await intake.apiKey(participants.id('pgo-gezondheidsapp'))).apiKey;
  });

  afterAll(async () => {
    await intake?.close();
    await collector?.close();
    await ch?.close();
    await pg?.drop();
  });

  it('delivers a directory of JSON and NDJSON files and reports accepted and rejected lines with reasons', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ketenlog-submit-'));
    const good = Array.from({ length: 30 }, () => line('send_authorization_request'));
    const noTrace = line('send_authorization_request') as { event: Record<string, unknown> };
    delete noTrace.event.trace_id;
    writeFileSync(
      join(dir, 'a.json'),
      JSON.stringify([...good.slice(0, 10), noTrace, ...good.slice(10, 20)]),
    );
    writeFileSync(
      join(dir, 'b.ndjson'),
      [...good.slice(20).map((l) => JSON.stringify(l)), '{"event": broken', ''].join('\n'),
    );
    writeFileSync(join(dir, 'notes.txt'), 'not delivered');

    const progress: number[] = [];
    const summary = await runSubmit({
      path: dir,
      baseUrl: intake.baseUrl,
      apiKey: key,
      maxBatchBytes: 4_000,
      maxBatchLines: 1_000,
      maxAttempts: 10,
      maxWaitMs: 5_000,
      onProgress: (done) => progress.push(done),
    });

    expect(summary).toMatchObject({ files: 2, lines: 32, accepted: 30 });
    expect(summary.retries).toBeGreaterThan(0);
    expect(summary.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: join(dir, 'a.json'), position: 10, rule: 'schema.required' }),
        expect.objectContaining({ file: join(dir, 'b.ndjson'), position: 11, rule: 'line.not-json' }),
      ]),
    );
    expect(progress[progress.length - 1]).toBe(32);
    expect(formatSummary(summary)).toContain('accepted: 30  rejected: 2');

    // Every accepted line is stored, once.
    const wanted = new Set(good.map((l) => l.event.trace_id));
    await eventually(
      async () => {
        const res = await intake.request('GET', '/eagleeye/v1/logs?count=1000', { key });
        return (res.body.items ?? []).filter((i: { line: { event: { trace_id: string } } }) =>
          wanted.has(i.line.event.trace_id),
        ).length;
      },
      (n) => n === 30,
    );
  });

  it('reports a wrong key as rejected lines with the reason, without retrying', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ketenlog-submit-'));
    writeFileSync(join(dir, 'x.json'), JSON.stringify([line('send_authorization_request')]));
    const summary = await runSubmit({
      path: join(dir, 'x.json'),
      baseUrl: intake.baseUrl,
      apiKey: 'kmk_0000000000000000_' + 'a'.repeat(43),
      maxBatchBytes: 1_000_000,
      maxBatchLines: 1_000,
      maxAttempts: 3,
      maxWaitMs: 1_000,
    });
    expect(summary).toMatchObject({ accepted: 0, retries: 0 });
    expect(summary.rejected).toEqual([expect.objectContaining({ rule: 'INTAKE_INVALID_CREDENTIAL' })]);
  });
});
