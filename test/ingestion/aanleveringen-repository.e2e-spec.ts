import { ClickHouseService } from '@app/clickhouse';
import { AanleveringRow, AanleveringenRepository } from '@app/ingestion';
import { SAMPLE_AANLEVERING } from '../support/aanlevering-row';
import { testClickHouse } from '../support/engines';

/**
 * The aanleveringen rows go to ClickHouse as packed TabSeparated text the collector writes itself
 * (rows.ts, writePackedAanleveringen), unpacked into aanleveringen by a view (migration 0023).
 * Read back, every column of every row must hold exactly what was written, awkward strings
 * included, and a retried insert must add nothing.
 */
describe('AanleveringenRepository (packed rows, unpacked by a view)', () => {
  let ch: ClickHouseService;
  let repo: AanleveringenRepository;

  beforeAll(async () => {
    ch = await testClickHouse();
    repo = new AanleveringenRepository(ch);
  });

  afterAll(() => ch?.close());

  const base = SAMPLE_AANLEVERING;

  const readBack = async (id: string) => {
    const rows = await ch.query<Record<string, unknown>>(
      ch.sql(
        `SELECT toString(aanlevering_id) AS aanlevering_id, participant_id, channel, toString(received_at) AS received_at,
           kafka_topic, kafka_partition, toString(kafka_offset) AS kafka_offset, message_chars, line_count, stored_count,
           duplicate_count, valid_count, invalid_count, rejected_count, technisch_ok, message_error, functional_errors,
           toString(processed_at) AS processed_at
         FROM {{db}}.aanleveringen WHERE aanlevering_id = {id:String}`,
      ),
      { id },
    );
    return rows.map((r) => ({ ...r, message_chars: Number(r.message_chars) }));
  };

  it('stores every column as written', async () => {
    await repo.insert([base], 'tsv-1');
    expect(await readBack(base.aanlevering_id)).toEqual([base]);
  });

  it('keeps tabs, newlines, backslashes and quotes in strings and map keys intact', async () => {
    const awkward: AanleveringRow = {
      ...base,
      aanlevering_id: '0d6b1b0e-5b7c-8a31-9000-000000000001',
      participant_id: 'a\tb\nc\\d',
      kafka_topic: "top'ic",
      technisch_ok: false,
      message_error: "it's\\n",
      functional_errors: { "x'\t\\": 1, 'y\nz': 2 },
      kafka_offset: '0',
    };
    const plain = { ...base, aanlevering_id: '0d6b1b0e-5b7c-8a31-9000-000000000002', functional_errors: {} };
    await repo.insert([awkward, plain], 'tsv-2');
    expect(await readBack(awkward.aanlevering_id)).toEqual([awkward]);
    expect(await readBack(plain.aanlevering_id)).toEqual([plain]);
  });

  it('unpacks interleaved runs of partitions and participants into one row per delivery', async () => {
    const rows: AanleveringRow[] = [0, 1, 2, 3, 4, 5].map((k) => ({
      ...base,
      aanlevering_id: `0d6b1b0e-5b7c-8a31-9000-00000000010${k}`,
      participant_id: k === 3 ? 'dvp-b' : 'dva-a',
      kafka_topic: k === 3 ? 'ketenlog.dvp-b' : 'ketenlog.dva-a',
      kafka_partition: k === 2 ? 1 : 0,
      kafka_offset: String(100 + k),
      message_chars: 10 + k,
      valid_count: k,
      technisch_ok: k % 2 === 0,
      message_error: k % 2 === 0 ? '' : `M-${k}`,
      functional_errors: k === 4 ? { 'F-9': 4 } : ({} as Record<string, number>),
    }));
    await repo.insert(rows, 'runs-1');
    for (const row of rows) expect(await readBack(row.aanlevering_id)).toEqual([row]);
  });

  it('adds nothing when an insert is retried with its token', async () => {
    const row = { ...base, aanlevering_id: '0d6b1b0e-5b7c-8a31-9000-000000000201' };
    await repo.insert([row], 'retry-1');
    await repo.insert([row], 'retry-1');
    // Another row under a used token is dropped too: the token, not the content, decides.
    const other = { ...base, aanlevering_id: '0d6b1b0e-5b7c-8a31-9000-000000000202' };
    await repo.insert([other], 'retry-1');
    expect(await readBack(row.aanlevering_id)).toHaveLength(1);
    expect(await readBack(other.aanlevering_id)).toHaveLength(0);
  });
});
