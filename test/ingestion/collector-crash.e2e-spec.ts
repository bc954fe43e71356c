import { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KetenlogLine } from '@app/ketenlog';
import { testParticipants } from '../support/collector';
import { KAFKA_BROKERS, connectedProducer, eventually, testKafka, uniqueName } from '../support/engines';
import { amsterdamTime, line } from '../support/lines';
import { cliQuery, exited, scrapeMetric, spawnApp } from '../support/processes';

/**
 * Exactly once across crashes: the built collector runs as a child process on its own chDB
 * directory, is killed with SIGKILL twice while it is writing, and restarted each time. In the
 * end every line must be stored exactly once: raw row counts, no FINAL, no merges to help.
 */
describe('collector: kill -9 mid-batch, restart', () => {
  const participants = testParticipants();
  const work = mkdtempSync(join(tmpdir(), 'crash-'));
  const log = join(work, 'collector.log');
  const topic = participants.topic('pgo-zorgkluis');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const env: Record<string, string> = {
    KAFKA_BROKERS: KAFKA_BROKERS.join(','),
    KAFKA_GROUP_ID: uniqueName('crash'),
    KAFKA_TOPIC_PATTERN: `^ketenlog\\..*-${participants.suffix}$`,
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    CHDB_PATH: join(work, 'ch'),
    CLICKHOUSE_URL: '',
    CLICKHOUSE_DATABASE: 'crash',
    PARTICIPANTS_FILE: participants.file,
    INGEST_BATCH_MAX_ROWS: '400',
    INGEST_BATCH_MAX_WAIT_MS: '20',
    HTTP_PORT: String(port),
    LOG_LEVEL: 'warn',
  };
  const metrics = `http://127.0.0.1:${port}/metrics`;
  const MESSAGES = 3000;
  const LINES_PER_MESSAGE = 4;

  let collector: ChildProcess | undefined;
  afterAll(() => {
    collector?.kill('SIGKILL');
  });

  it('stores every line exactly once', async () => {
    // Topics exist before the first start (the collector creates them too, but we produce first).
    collector = spawnApp('collector', env, log);
    await eventually(
      () => scrapeMetric(metrics, 'ketenlog_buffered_rows'),
      (v) => v !== undefined,
      60_000,
      200,
    );

    const kafka = testKafka();
    const producer = await connectedProducer(kafka);
    const lines: KetenlogLine[] = [];
    const t0 = Date.now() - 600_000;
    for (let m = 0; m < MESSAGES; m++) {
      for (let i = 0; i < LINES_PER_MESSAGE; i++) {
        lines.push(
          line('send_token_request', {
            event: { datetime: amsterdamTime(t0 + m * 10 + i), location: 'dvp.zorgkluis.example' },
            request: { client_id: 'dvp.zorgkluis.example', uri: 'https://auth.huisartsnet.example/token' },
          }),
        );
      }
    }
    for (let m = 0; m < MESSAGES; m += 500) {
      await producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: Math.min(500, MESSAGES - m) }, (_, k) => ({
          value: JSON.stringify(lines.slice((m + k) * LINES_PER_MESSAGE, (m + k + 1) * LINES_PER_MESSAGE)),
        })),
      });
    }
    await producer.disconnect();

    const killed: number[] = [];
    for (const killAfter of [1_000, 5_000]) {
      // Kill while it is writing: some lines stored, not all.
      const stored = await eventually(
        () => scrapeMetric(metrics, 'ketenlog_lines_stored_total'),
        (v) => (v ?? 0) >= killAfter / 4,
        60_000,
        5,
      );
      collector.kill('SIGKILL');
      await exited(collector);
      killed.push(stored ?? 0);
      collector = spawnApp('collector', env, log);
      await eventually(
        () => scrapeMetric(metrics, 'ketenlog_buffered_rows'),
        (v) => v !== undefined,
        60_000,
        200,
      );
    }

    // Let the last incarnation drain the topic, then stop it gracefully and count.
    await eventually(
      async () => {
        const lag = await scrapeMetric(metrics, 'ketenlog_consumer_lag_messages');
        const buffered = await scrapeMetric(metrics, 'ketenlog_buffered_rows');
        return lag === 0 && buffered === 0;
      },
      (drained) => drained,
      120_000,
      500,
    );
    collector.kill('SIGTERM');
    await exited(collector);

    // Both kills hit a collector that had stored some lines of this run but not all of them.
    expect(killed.every((n) => n > 0 && n < MESSAGES * LINES_PER_MESSAGE)).toBe(true);
    const [events] = cliQuery<{ n: number; u: number }>(
      'SELECT count() AS n, uniqExact(event_uid) AS u FROM {{db}}.ketenlog_events',
      env,
    );
    const [deliveries] = cliQuery<{ n: number; u: number; stored: number; dup: number }>(
      'SELECT count() AS n, uniqExact(aanlevering_id) AS u, sum(stored_count) AS stored, sum(duplicate_count) AS dup FROM {{db}}.aanleveringen',
      env,
    );
    expect({ rows: Number(events.n), unique: Number(events.u) }).toEqual({
      rows: MESSAGES * LINES_PER_MESSAGE,
      unique: MESSAGES * LINES_PER_MESSAGE,
    });
    expect({
      rows: Number(deliveries.n),
      unique: Number(deliveries.u),
      stored: Number(deliveries.stored),
      duplicates: Number(deliveries.dup),
    }).toEqual({ rows: MESSAGES, unique: MESSAGES, stored: MESSAGES * LINES_PER_MESSAGE, duplicates: 0 });
  }, 300_000);
});
