import { createHash, randomUUID } from 'node:crypto';
import { ClickHouseService } from '@app/clickhouse';
import { chDateTime } from '@app/chains';
import { loadCatalogRegistry } from '@app/ketenlog';
import { Participant, ParticipantDirectory, Zorgaanbieder } from '@app/participants';

/**
 * Writes chains straight into ketenlog_events (and aanleveringen) through the real engine, in
 * simulated time: for scenario tests about chains and SLIs, where the collector is not the
 * subject. Rows have the shape the collector writes (libs/ingestion/src/rows.ts).
 */

const catalog = loadCatalogRegistry().latest();

export interface ChainStepSpec {
  readonly type: string;
  /** Milliseconds after the chain start, on the logging party's clock. */
  readonly at: number;
  readonly key?: string;
  readonly status?: number;
  readonly errorCode?: string;
}

export interface ChainSpec {
  readonly traceId?: string;
  readonly sessionId?: string;
  readonly dvp: string;
  readonly dva: string;
  readonly zorgaanbieder: string;
  readonly gegevensdienst?: string;
  readonly startMs: number;
  readonly steps: readonly ChainStepSpec[];
  /** Which parties deliver their lines (default both). */
  readonly logged?: ReadonlyArray<'DVP' | 'DVA'>;
  /** Added to the DVA's timestamps (a DVA clock running ahead). */
  readonly dvaClockOffsetMs?: number;
}

/** The happy flow with fixed hop latencies: 100, 150, 80, 60, 200 and 2,500 ms. */
export const HAPPY: readonly ChainStepSpec[] = [
  { type: 'send_authorization_request', at: 0, key: 'a1' },
  { type: 'receive_authorization_request', at: 100, key: 'a1' },
  { type: 'show_landing_page', at: 200 },
  { type: 'send_authentication_request', at: 300, key: 'n1' },
  { type: 'receive_authentication_response', at: 5000, key: 'n1' },
  { type: 'send_artifact_resolution_request', at: 5100, key: 'x1' },
  { type: 'receive_artifact_resolution_response', at: 5200, key: 'x1' },
  { type: 'availability_check_result', at: 5300 },
  { type: 'show_consent_page', at: 5400 },
  { type: 'receive_consent', at: 9000 },
  { type: 'send_authorization_response', at: 9100, key: 'a2' },
  { type: 'receive_authorization_response', at: 9250, key: 'a2' },
  { type: 'send_token_request', at: 9300, key: 't1' },
  { type: 'receive_token_request', at: 9380, key: 't1' },
  { type: 'send_token_response', at: 9400, key: 't1' },
  { type: 'receive_token_response', at: 9460, key: 't1' },
  { type: 'send_resource_request', at: 9500, key: 'r1' },
  { type: 'receive_resource_request', at: 9700, key: 'r1' },
  { type: 'send_resource_response', at: 10000, key: 'r1' },
  { type: 'receive_resource_response', at: 12500, key: 'r1' },
];
export const HAPPY_HOP_LATENCIES = [100, 150, 80, 60, 200, 2500];
/** The happy flow with every hop within 300 ms (the last one 300 ms instead of 2.5 s). */
export const FAST_HAPPY: readonly ChainStepSpec[] = [
  ...HAPPY.slice(0, -1),
  { type: 'receive_resource_response', at: 10300, key: 'r1' },
];

/** The DVA answers the authorization request with an error (server side with status >= 500). */
export function authorizationError(status: number, errorCode: string): ChainStepSpec[] {
  return [
    { type: 'send_authorization_request', at: 0, key: 'a1' },
    { type: 'receive_authorization_request', at: 100, key: 'a1' },
    { type: 'send_authorization_request_error', at: 150, key: 'a1', status, errorCode },
  ];
}

export const CANCELLED: readonly ChainStepSpec[] = [
  ...HAPPY.slice(0, 3),
  { type: 'send_authorization_cancellation', at: 4000 },
];
export const ABANDONED: readonly ChainStepSpec[] = HAPPY.slice(0, 3);

export function hosts(id: string): string[] {
  return [`${id}.example`];
}

export function directoryOf(
  dvps: readonly string[],
  dvas: readonly string[],
  zorgaanbieders: ReadonlyArray<[naam: string, dva: string]>,
): ParticipantDirectory {
  const participants: Participant[] = [
    ...dvps.map((id) => ({ id, role: 'DVP' as const, displayName: id, hostnames: hosts(id) })),
    ...dvas.map((id) => ({ id, role: 'DVA' as const, displayName: id, hostnames: hosts(id) })),
  ];
  const zas: Zorgaanbieder[] = zorgaanbieders.map(([naam, dvaId]) => ({
    naam,
    displayName: naam,
    dvaId,
    gegevensdiensten: ['48', '51'],
  }));
  return new ParticipantDirectory(participants, zas);
}

const uuid = (text: string) => {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** The event rows of one chain, for the parties that log. */
export function chainRows(spec: ChainSpec, receivedAtMs: number): Record<string, unknown>[] {
  const traceId = spec.traceId ?? randomUUID();
  const sessionId = spec.sessionId ?? randomUUID();
  const logged = spec.logged ?? ['DVP', 'DVA'];
  const gd = spec.gegevensdienst ?? '48';
  const uri = `https://${spec.dva}.example/authorize?client_id=${spec.dvp}.example&scope=${spec.zorgaanbieder}~${gd}`;
  const rows: Record<string, unknown>[] = [];
  spec.steps.forEach((s, i) => {
    const event = catalog.event(s.type);
    if (!event) throw new Error(`unknown event ${s.type}`);
    const role = event.role === 'DVP' ? 'DVP' : 'DVA';
    if (!logged.includes(role)) return;
    const participant = role === 'DVP' ? spec.dvp : spec.dva;
    const isResponse = event.carries === 'response';
    const isAuthRequest = event.counterpart !== null && event.step <= 2;
    const time = spec.startMs + s.at + (role === 'DVA' ? (spec.dvaClockOffsetMs ?? 0) : 0);
    rows.push({
      event_uid: uuid(`${participant}|${traceId}|${s.type}|${i}`),
      participant_id: participant,
      participant_role: role,
      event_type: s.type,
      event_step: event.step,
      event_class: event.class,
      event_time: chDateTime(time),
      event_utc_offset_minutes: 60,
      event_location: `${participant}.example`,
      location_participant_id: participant,
      session_id: sessionId,
      trace_id: traceId,
      request_id: isResponse ? '' : (s.key ?? `k${i}`),
      request_method: isResponse ? '' : 'get',
      request_client_id: isResponse ? '' : `${spec.dvp}.example`,
      request_server_id: isResponse ? '' : `${spec.dva}.example`,
      client_participant_id: isResponse ? '' : spec.dvp,
      server_participant_id: isResponse ? '' : spec.dva,
      request_uri: isAuthRequest ? uri : '',
      request_initiated_by: 'machine',
      response_request_id: isResponse ? (s.key ?? `k${i}`) : '',
      response_status: isResponse ? (s.status ?? 200) : 0,
      error_code: s.errorCode ?? '',
      error_description: '',
      zorgaanbieder: isAuthRequest ? spec.zorgaanbieder : '',
      gegevensdiensten: isAuthRequest ? [gd] : [],
      valid: true,
      error_codes: [],
      error_messages: [],
      catalog_version: catalog.version,
      aanlevering_id: uuid(`aanlevering|${participant}|${receivedAtMs}`),
      line_index: i,
      source: 'kafka',
      kafka_topic: `ketenlog.${participant}`,
      kafka_partition: 0,
      kafka_offset: String(receivedAtMs),
      received_at: chDateTime(receivedAtMs),
    });
  });
  return rows;
}

/** Inserts chains as delivered at `receivedAtMs` (one aanlevering per participant). */
export async function deliver(
  ch: ClickHouseService,
  specs: readonly ChainSpec[],
  receivedAtMs: number,
): Promise<Array<{ traceId: string; sessionId: string }>> {
  const ids = specs.map((s) => ({
    traceId: s.traceId ?? randomUUID(),
    sessionId: s.sessionId ?? randomUUID(),
  }));
  const rows = specs.flatMap((s, i) => chainRows({ ...s, ...ids[i] }, receivedAtMs));
  await ch.insert('ketenlog_events', rows);
  await deliveredBy(ch, [...new Set(rows.map((r) => r.participant_id as string))], receivedAtMs);
  return ids;
}

/** Records an aanlevering (possibly empty) for each participant at `receivedAtMs`. */
export async function deliveredBy(
  ch: ClickHouseService,
  participants: readonly string[],
  receivedAtMs: number,
) {
  await ch.insert(
    'aanleveringen',
    participants.map((p) => ({
      aanlevering_id: uuid(`aanlevering|${p}|${receivedAtMs}`),
      participant_id: p,
      channel: 'kafka',
      received_at: chDateTime(receivedAtMs),
      kafka_topic: `ketenlog.${p}`,
      kafka_partition: 0,
      kafka_offset: String(receivedAtMs),
      message_chars: 100,
      line_count: 1,
      stored_count: 1,
      duplicate_count: 0,
      valid_count: 1,
      invalid_count: 0,
      rejected_count: 0,
      technisch_ok: true,
      message_error: '',
      functional_errors: {},
      processed_at: chDateTime(receivedAtMs),
    })),
  );
}
