import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE, ClickHouseService } from '@app/clickhouse';

export interface AanleveringQuery {
  readonly participantId: string;
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Page after this (received_at, id), newest first. */
  readonly before?: { receivedAtMs: number; aanleveringId: string };
  readonly limit: number;
}

/** One row of `aanleveringen` as read back. */
export interface AanleveringRowView {
  readonly id: string;
  readonly channel: string;
  readonly received_ms: string;
  readonly processed_ms: string;
  readonly message_chars: string;
  readonly line_count: number;
  readonly stored_count: number;
  readonly duplicate_count: number;
  readonly valid_count: number;
  readonly invalid_count: number;
  readonly rejected_count: number;
  readonly technisch_ok: boolean;
  readonly message_error: string;
  readonly functional_errors: Record<string, number>;
}

// FINAL: the table is a ReplacingMergeTree and a replayed delivery may not be merged yet.
const SELECT_AANLEVERINGEN = `
  SELECT toString(aanlevering_id) AS id, channel,
         toUnixTimestamp64Milli(received_at) AS received_ms,
         toUnixTimestamp64Milli(processed_at) AS processed_ms, message_chars, line_count,
         stored_count, duplicate_count, valid_count, invalid_count, rejected_count, technisch_ok,
         message_error, functional_errors
  FROM {{db}}.aanleveringen FINAL
  WHERE participant_id = {participant:String}`;
const FROM_FILTER = `AND received_at >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')`;
const TO_FILTER = `AND received_at < fromUnixTimestamp64Milli({to:Int64}, 'UTC')`;
const BEFORE_FILTER = `AND (received_at, aanlevering_id) <
  (fromUnixTimestamp64Milli({beforeReceived:Int64}, 'UTC'), toUUID({beforeId:String}))`;
const ID_FILTER = `AND aanlevering_id = {aanlevering:UUID}`;
const ORDER_LIMIT = `ORDER BY received_at DESC, aanlevering_id DESC LIMIT {limit:UInt32}`;

/** Reads a participant's own deliveries (`aanleveringen`), both channels. */
@Injectable()
export class ParticipantAanleveringenRepository {
  constructor(@Inject(CLICKHOUSE) private readonly ch: ClickHouseService) {}

  async find(q: AanleveringQuery): Promise<AanleveringRowView[]> {
    const parts = [SELECT_AANLEVERINGEN];
    const params: Record<string, unknown> = { participant: q.participantId, limit: q.limit };
    if (q.fromMs !== undefined) {
      parts.push(FROM_FILTER);
      params.from = q.fromMs;
    }
    if (q.toMs !== undefined) {
      parts.push(TO_FILTER);
      params.to = q.toMs;
    }
    if (q.before) {
      parts.push(BEFORE_FILTER);
      params.beforeReceived = q.before.receivedAtMs;
      params.beforeId = q.before.aanleveringId;
    }
    parts.push(ORDER_LIMIT);
    return this.ch.query<AanleveringRowView>(this.ch.sql(parts.join('\n')), params);
  }

  async get(participantId: string, aanleveringId: string): Promise<AanleveringRowView | undefined> {
    const sql = this.ch.sql([SELECT_AANLEVERINGEN, ID_FILTER, 'LIMIT 1'].join('\n'));
    const rows = await this.ch.query<AanleveringRowView>(sql, {
      participant: participantId,
      aanlevering: aanleveringId,
    });
    return rows[0];
  }
}
