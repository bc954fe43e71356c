import { ClickHouseService } from '@app/clickhouse';
import { chSeconds } from './rollup-query';

// aanleveringen is sorted by (participant_id, received_at): max per participant reads little.
const LAST_DELIVERY = `
  SELECT participant_id, toUnixTimestamp64Milli(max(received_at)) AS last_ms
  FROM {{db}}.aanleveringen
  WHERE received_at <= {now:DateTime('UTC')}
  GROUP BY participant_id`;

/** Delivery freshness: when each participant last delivered an aanlevering (any outcome). */
export class DeliveryRepository {
  private readonly lastSql: string;

  constructor(private readonly ch: ClickHouseService) {
    this.lastSql = ch.sql(LAST_DELIVERY);
  }

  async lastDeliveries(nowMs: number): Promise<Map<string, number>> {
    const rows = await this.ch.query<{ participant_id: string; last_ms: string }>(this.lastSql, {
      now: chSeconds(nowMs + 999),
    });
    return new Map(rows.map((r) => [r.participant_id, Number(r.last_ms)]));
  }
}
