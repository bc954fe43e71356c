import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE, ClickHouseService } from '@app/clickhouse';
import { LinePosition } from './line-cursor';

/** Filters of GET /logs; `participantId` always comes from the credential. */
export interface LineQuery {
  readonly participantId: string;
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly valid?: boolean;
  readonly aanleveringId?: string;
  readonly after?: LinePosition;
  readonly limit: number;
}

/** One stored line as read back from `ketenlog_events`. */
export interface StoredLineRow {
  readonly event_type: string;
  readonly event_ms: string;
  readonly offset_minutes: number;
  readonly event_location: string;
  readonly session_id: string;
  readonly trace: string;
  readonly request_id: string;
  readonly request_method: string;
  readonly request_client_id: string;
  readonly request_server_id: string;
  readonly request_uri: string;
  readonly request_initiated_by: string;
  readonly response_request_id: string;
  readonly response_status: number;
  readonly error_code: string;
  readonly error_description: string;
  readonly valid: boolean;
  readonly error_codes: string[];
  readonly error_messages: string[];
  readonly catalog_version: string;
  readonly aanlevering: string;
  readonly line_index: number;
  readonly source: string;
  readonly received_ms: string;
}

// Always scoped to one participant (the leading column of the sort key). Ordered by receipt, so
// a participant reading with the cursor sees lines in the order they were made durable; the
// triple is unique per stored line (a line belongs to one aanlevering).
const SELECT_LINES = `
  SELECT event_type, toUnixTimestamp64Milli(event_time) AS event_ms,
         event_utc_offset_minutes AS offset_minutes, event_location, session_id,
         toString(trace_id) AS trace, request_id, request_method, request_client_id,
         request_server_id, request_uri, request_initiated_by, response_request_id, response_status,
         error_code, error_description, valid, error_codes, error_messages, catalog_version,
         toString(aanlevering_id) AS aanlevering, line_index, source,
         toUnixTimestamp64Milli(received_at) AS received_ms
  FROM {{db}}.ketenlog_events
  WHERE participant_id = {participant:String}`;
const FROM_FILTER = `AND event_time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')`;
const TO_FILTER = `AND event_time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')`;
const VALID_FILTER = `AND valid = {valid:UInt8}`;
const AANLEVERING_FILTER = `AND aanlevering_id = {aanlevering:UUID}`;
const AFTER_FILTER = `AND (received_at, aanlevering_id, line_index) >
  (fromUnixTimestamp64Milli({afterReceived:Int64}, 'UTC'), toUUID({afterAanlevering:String}), {afterLine:UInt32})`;
const ORDER_LIMIT = `ORDER BY received_at, aanlevering_id, line_index LIMIT {limit:UInt32}`;

/** Reads a participant's own stored lines (`ketenlog_events`). */
@Injectable()
export class ParticipantLinesRepository {
  constructor(@Inject(CLICKHOUSE) private readonly ch: ClickHouseService) {}

  async find(q: LineQuery): Promise<StoredLineRow[]> {
    const parts = [SELECT_LINES];
    const params: Record<string, unknown> = { participant: q.participantId, limit: q.limit };
    if (q.fromMs !== undefined) {
      parts.push(FROM_FILTER);
      params.from = q.fromMs;
    }
    if (q.toMs !== undefined) {
      parts.push(TO_FILTER);
      params.to = q.toMs;
    }
    if (q.valid !== undefined) {
      parts.push(VALID_FILTER);
      params.valid = q.valid ? 1 : 0;
    }
    if (q.aanleveringId !== undefined) {
      parts.push(AANLEVERING_FILTER);
      params.aanlevering = q.aanleveringId;
    }
    if (q.after) {
      parts.push(AFTER_FILTER);
      params.afterReceived = q.after.receivedAtMs;
      params.afterAanlevering = q.after.aanleveringId;
      params.afterLine = q.after.lineIndex;
    }
    parts.push(ORDER_LIMIT);
    return this.ch.query<StoredLineRow>(this.ch.sql(parts.join('\n')), params);
  }
}
