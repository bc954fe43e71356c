import { ClickHouseService } from '@app/clickhouse';
import { BodyBuilder } from './row-arena';
import { AanleveringRow, PACKED_AANLEVERING_COLUMNS, writePackedAanleveringen } from './rows';

const FIND_EXISTING = `
  SELECT DISTINCT toString(aanlevering_id) AS id
  FROM {{db}}.aanleveringen
  WHERE participant_id IN {participants:Array(String)}
    AND received_at BETWEEN {from:DateTime64(3, 'UTC')} AND {to:DateTime64(3, 'UTC')}
    AND aanlevering_id IN `;

/** One row per delivery and its outcome. */
export class AanleveringenRepository {
  private readonly findExistingSql: string;

  constructor(private readonly ch: ClickHouseService) {
    this.findExistingSql = ch.sql(FIND_EXISTING);
  }

  /**
   * Writes the rows through aanleveringen_packed, whose view unpacks them into aanleveringen
   * (migration 0023: a fraction of the engine's CPU of one text row per delivery). The token
   * carries through the view: a retried insert adds nothing.
   */
  insert(rows: readonly AanleveringRow[], dedupToken: string): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    const body = new BodyBuilder(rows.length * 160);
    writePackedAanleveringen(rows, body);
    return this.ch.insertTsvBody('aanleveringen_packed', body.bytes(), {
      dedupToken,
      columns: PACKED_AANLEVERING_COLUMNS,
      uniqueKeys: true,
      // Written in stage 2 of a flush, while stage 1 of the next one inserts its lines.
      lane: 'aanleveringen',
    });
  }

  /** Ids of these deliveries that were completely processed before (a replay after a crash). */
  async findExisting(rows: readonly AanleveringRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const participants = new Set<string>();
    let from = rows[0].received_at;
    let to = rows[0].received_at;
    for (const r of rows) {
      participants.add(r.participant_id);
      if (r.received_at < from) from = r.received_at;
      if (r.received_at > to) to = r.received_at;
    }
    const found = await this.ch.queryWithSet<{ id: string }>(
      (set) => this.findExistingSql + set,
      { participants: [...participants], from, to },
      { type: 'UUID', values: rows.map((r) => r.aanlevering_id) },
    );
    return new Set(found.map((f) => f.id));
  }
}
