import { AanleveringRowView } from './participant-aanleveringen.repository';
import { StoredLineRow } from './participant-lines.repository';
import { RejectionRowView } from './participant-rejections.repository';

/** A stored line as the participant gets it back: its content plus the verdict. */
export interface LineView {
  readonly line: Record<string, unknown>;
  readonly valid: boolean;
  readonly errors: { rule: string; message: string }[];
  readonly aanlevering: string;
  readonly lineIndex: number;
  readonly channel: string;
  readonly receivedAt: string;
  readonly catalogVersion: string;
}

export interface AanleveringView {
  readonly id: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly processedAt: string;
  readonly status: 'technisch OK' | 'technisch niet OK';
  readonly messageError?: string;
  readonly counts: {
    readonly lines: number;
    readonly stored: number;
    readonly duplicates: number;
    readonly valid: number;
    readonly invalid: number;
    readonly rejected: number;
  };
  readonly functionalErrors: Record<string, number>;
}

export interface RejectionView {
  readonly scope: string;
  readonly lineIndex: number;
  readonly eventType: string;
  readonly traceId: string;
  readonly errors: { rule: string; pointer: string; message: string }[];
}

export function lineView(r: StoredLineRow): LineView {
  const line: Record<string, unknown> = {
    event: {
      type: r.event_type,
      location: r.event_location,
      datetime: withOffset(Number(r.event_ms), Number(r.offset_minutes)),
      ...(r.session_id ? { session_id: r.session_id } : {}),
      trace_id: r.trace,
    },
  };
  if (r.request_id) {
    line.request = {
      id: r.request_id,
      method: r.request_method,
      client_id: r.request_client_id,
      server_id: r.request_server_id,
      uri: r.request_uri,
      ...(r.request_initiated_by ? { initiated_by: r.request_initiated_by } : {}),
    };
  }
  if (r.response_request_id) {
    line.response = { request_id: r.response_request_id, status: Number(r.response_status) };
  }
  if (r.error_code) {
    line.error = { code: r.error_code, ...(r.error_description ? { description: r.error_description } : {}) };
  }
  return {
    line,
    valid: Boolean(r.valid),
    errors: r.error_codes.map((rule, i) => ({ rule, message: r.error_messages[i] ?? '' })),
    aanlevering: r.aanlevering,
    lineIndex: Number(r.line_index),
    channel: r.source,
    receivedAt: new Date(Number(r.received_ms)).toISOString(),
    catalogVersion: r.catalog_version,
  };
}

export function aanleveringView(r: AanleveringRowView): AanleveringView {
  return {
    id: r.id,
    channel: r.channel,
    receivedAt: new Date(Number(r.received_ms)).toISOString(),
    processedAt: new Date(Number(r.processed_ms)).toISOString(),
    status: r.technisch_ok ? 'technisch OK' : 'technisch niet OK',
    ...(r.message_error ? { messageError: r.message_error } : {}),
    counts: {
      lines: Number(r.line_count),
      stored: Number(r.stored_count),
      duplicates: Number(r.duplicate_count),
      valid: Number(r.valid_count),
      invalid: Number(r.invalid_count),
      rejected: Number(r.rejected_count),
    },
    functionalErrors: Object.fromEntries(
      Object.entries(r.functional_errors ?? {}).map(([k, v]) => [k, Number(v)]),
    ),
  };
}

export function rejectionView(r: RejectionRowView): RejectionView {
  return {
    scope: r.scope,
    lineIndex: Number(r.line_index),
    eventType: r.event_type,
    traceId: r.trace_id,
    errors: r.rule_ids.map((rule, i) => ({
      rule,
      pointer: r.pointers[i] ?? '',
      message: r.messages[i] ?? '',
    })),
  };
}

/** The instant written with the participant's own offset, as it logged it. */
function withOffset(ms: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return new Date(ms).toISOString();
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const abs = Math.abs(offsetMinutes);
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
