/** Row shapes of the three ingestion tables, as inserted (JSONEachRow). See libs/clickhouse/src/migrations. */
export interface EventRow {
  event_uid: string;
  participant_id: string;
  participant_role: string;
  event_type: string;
  event_step: number;
  event_class: string;
  event_time: string;
  event_utc_offset_minutes: number;
  event_location: string;
  location_participant_id: string;
  session_id: string;
  trace_id: string;
  request_id: string;
  request_method: string;
  request_client_id: string;
  request_server_id: string;
  client_participant_id: string;
  server_participant_id: string;
  request_uri: string;
  request_initiated_by: string;
  response_request_id: string;
  response_status: number;
  error_code: string;
  error_description: string;
  zorgaanbieder: string;
  gegevensdiensten: string[];
  valid: boolean;
  error_codes: string[];
  error_messages: string[];
  catalog_version: string;
  aanlevering_id: string;
  line_index: number;
  source: Channel;
  kafka_topic: string;
  kafka_partition: number;
  kafka_offset: string;
  received_at: string;
}

export interface RejectionRow {
  rejection_id: string;
  participant_id: string;
  aanlevering_id: string;
  scope: 'message' | 'line';
  line_index: number;
  rule_ids: string[];
  pointers: string[];
  messages: string[];
  event_type: string;
  trace_id: string;
  redacted_excerpt: string;
  source: Channel;
  kafka_topic: string;
  kafka_partition: number;
  kafka_offset: string;
  received_at: string;
}

export interface AanleveringRow {
  aanlevering_id: string;
  participant_id: string;
  channel: Channel;
  received_at: string;
  kafka_topic: string;
  kafka_partition: number;
  kafka_offset: string;
  message_chars: number;
  line_count: number;
  stored_count: number;
  duplicate_count: number;
  valid_count: number;
  invalid_count: number;
  rejected_count: number;
  technisch_ok: boolean;
  message_error: string;
  functional_errors: Record<string, number>;
  processed_at: string;
}

export type Channel = 'kafka' | 'http';

/** ClickHouse DateTime64(3) text for a UTC instant: `YYYY-MM-DD HH:MM:SS.mmm`. */
export function chDateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}
