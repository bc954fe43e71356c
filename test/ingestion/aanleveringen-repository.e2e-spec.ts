import { ClickHouseService } from '@app/clickhouse';
import { AanleveringRow, AanleveringenRepository } from '@app/ingestion';
import { SAMPLE_AANLEVERING } from '../support/aanlevering-row';
import { testClickHouse } from '../support/engines';

/**
 * The aanleveringen rows go to ClickHouse as TabSeparated text the collector writes itself
 * (rows.ts, aanleveringRowTsv). Read back, every column must hold exactly what was written,
 * awkward strings included.
 */
describe('AanleveringenRepository (TabSeparated rows)', () => {
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
});
