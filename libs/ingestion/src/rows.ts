import { tsvQuoted, tsvText } from '@app/clickhouse';
import { ArenaRow, BodyBuilder } from './row-arena';
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

/**
 * An accepted line as it waits for its insert: already serialised (one JSONCompactEachRow line
 * in {@link EVENT_COLUMNS} order, held in a {@link RowArena} outside the JavaScript heap), plus
 * the few fields deduplication and counting need. Kept this small on purpose: buffered rows
 * live until their flush, and a 37-field object per line (plus its arrays) made garbage
 * collection about a third of the collector's CPU.
 */
export class EventRecord implements ArenaRow {
  constructor(
    readonly uid: string,
    readonly participantId: string,
    /** Position of the line in its message. */
    readonly lineIndex: number,
    /** Event time in epoch milliseconds (a number: a formatted string per pending line cost 100+ bytes of heap). */
    readonly eventTimeMs: number,
    readonly valid: boolean,
    readonly errorCodes: readonly string[],
    /** The serialised row and its newline: chunk[start, end). See {@link eventRowLine}. */
    readonly chunk: Buffer,
    readonly start: number,
    readonly end: number,
  ) {}

  /** The serialised row as text (decoded on demand: quarantine excerpts, the HTTP insert path). */
  get line(): string {
    return this.chunk.toString('utf8', this.start, this.end - 1);
  }
}

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
let cachedDay = NaN;
let cachedDayText = '';

/**
 * ClickHouse DateTime64(3) text for a UTC instant: `YYYY-MM-DD HH:MM:SS.mmm`. Runs once per
 * line, so the date part is remembered (lines of one batch fall on a few days) and the time of
 * day is composed from tables: a quarter of the cost of `toISOString()` and slicing.
 */
export function chDateTime(instant: number): string {
  const ms = Math.trunc(instant); // as Date does
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    const iso = new Date(day * DAY_MS).toISOString();
    cachedDayText = `${iso.slice(0, iso.indexOf('T'))} `;
  }
  let t = ms - day * DAY_MS;
  const h = Math.floor(t / 3_600_000);
  t -= h * 3_600_000;
  const m = Math.floor(t / 60_000);
  t -= m * 60_000;
  const s = Math.floor(t / 1000);
  return `${cachedDayText}${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[s]}.${THREE_DIGITS[t - s * 1000]}`;
}

/**
 * The row as one JSONCompactEachRow line, values in {@link EVENT_COLUMNS} order (written out
 * instead of looping over the column names: a keyed loop over 37 names costs more than the
 * rest of the serialisation; rows.spec.ts checks the order).
 */
export function eventRowLine(r: EventRow): string {
  return JSON.stringify([
    r.event_uid,
    r.participant_id,
    r.participant_role,
    r.event_type,
    r.event_step,
    r.event_class,
    r.event_time,
    r.event_utc_offset_minutes,
    r.event_location,
    r.location_participant_id,
    r.session_id,
    r.trace_id,
    r.request_id,
    r.request_method,
    r.request_client_id,
    r.request_server_id,
    r.client_participant_id,
    r.server_participant_id,
    r.request_uri,
    r.request_initiated_by,
    r.response_request_id,
    r.response_status,
    r.error_code,
    r.error_description,
    r.zorgaanbieder,
    r.gegevensdiensten,
    r.valid,
    r.error_codes,
    r.error_messages,
    r.catalog_version,
    r.aanlevering_id,
    r.line_index,
    r.source,
    r.kafka_topic,
    r.kafka_partition,
    r.kafka_offset,
    r.received_at,
  ]);
}

/**
 * aanleveringen rows as aanleveringen_packed lines (migration 0023): one TabSeparated line per
 * run of consecutive rows with the same participant, channel, topic and partition, in
 * {@link PACKED_AANLEVERING_COLUMNS} order, each per-delivery value an element of an array. The
 * table's view unpacks every element into one aanleveringen row. Packed because one-line
 * messages write one aanleveringen row per line, and chDB parses values in arrays for a fraction
 * of a text row's fixed cost (see the migration). A flush's rows come in slices of one
 * partition, so runs are long. Written straight into `out`, a column at a time.
 *
 * Ids, times and offsets are written as they are: the collector made them (UUIDs, ClickHouse
 * DateTime64 text, Kafka's decimal offsets). Strings from elsewhere are escaped: a participant
 * id falls back to the topic name, and nothing here trusts that.
 */
export function writePackedAanleveringen(rows: readonly AanleveringRow[], out: BodyBuilder): void {
  let i = 0;
  while (i < rows.length) {
    const first = rows[i];
    let end = i + 1;
    while (
      end < rows.length &&
      rows[end].kafka_partition === first.kafka_partition &&
      rows[end].kafka_topic === first.kafka_topic &&
      rows[end].participant_id === first.participant_id &&
      rows[end].channel === first.channel
    ) {
      end++;
    }
    // A column at a time into one reusable array, joined: Array.join converts numbers and
    // booleans itself, and "','" between quoted elements quotes them all. Written out per
    // column: a loop over per-column functions cost twice as much.
    const n = end - i;
    const v = new Array<string | number | boolean>(n);
    for (let k = 0; k < n; k++) v[k] = rows[i + k].aanlevering_id;
    const ids = v.join("','");
    for (let k = 0; k < n; k++) v[k] = rows[i + k].received_at;
    const received = v.join("','");
    for (let k = 0; k < n; k++) v[k] = rows[i + k].kafka_offset;
    const offsets = v.join(',');
    for (let k = 0; k < n; k++) v[k] = rows[i + k].message_chars;
    const chars = v.join(',');
    for (let k = 0; k < n; k++) v[k] = rows[i + k].line_count;
    const lines = v.join(',');
    for (let k = 0; k < n; k++) v[k] = rows[i + k].stored_count;
    const stored = v.join(',');
    for (let k = 0; k < n; k++) v[k] = rows[i + k].duplicate_count;
    const duplicates = v.join(',');
    for (let k = 0; k < n; k++) v[k] = rows[i + k].valid_count;
    const valid = v.join(',');
    for (let k = 0; k < n; k++) v[k] = rows[i + k].invalid_count;
    const invalid = v.join(',');
    for (let k = 0; k < n; k++) v[k] = rows[i + k].rejected_count;
    const rejected = v.join(',');
    for (let k = 0; k < n; k++) v[k] = rows[i + k].technisch_ok;
    const ok = v.join(',');
    for (let k = 0; k < n; k++) v[k] = quotedRule(rows[i + k].message_error);
    const errors = v.join(',');
    for (let k = 0; k < n; k++) v[k] = tsvMap(rows[i + k].functional_errors);
    const functional = v.join(',');
    for (let k = 0; k < n; k++) v[k] = rows[i + k].processed_at;
    const processed = v.join("','");
    out.write(
      `${tsvText(first.participant_id)}\t${tsvText(first.channel)}\t${tsvText(first.kafka_topic)}\t${first.kafka_partition}`,
    );
    out.write(`\t['${ids}']\t['${received}']\t[${offsets}]\t[${chars}]\t[${lines}]\t[${stored}]`);
    out.write(`\t[${duplicates}]\t[${valid}]\t[${invalid}]\t[${rejected}]\t[${ok}]\t[${errors}]`);
    out.append(`\t[${functional}]\t['${processed}']`);
    i = end;
  }
}

/** A message's rule id (nearly always none) as a quoted array element. */
function quotedRule(rule: string): string {
  return rule === '' ? "''" : tsvQuoted(rule);
}

/**
 * A Map(String, UInt32) in a TabSeparated field: `{'key':n,...}`, keys quoted as ClickHouse
 * writes strings inside composite values.
 */
function tsvMap(counts: Record<string, number>): string {
  let text = '{';
  for (const key in counts) text += `${text.length > 1 ? ',' : ''}${tsvQuoted(key)}:${counts[key]}`;
  return `${text}}`;
}

/** The row back from its serialised line (tests, tools). */
export function parseEventRowLine(line: string): EventRow {
  const values = JSON.parse(line) as unknown[];
  return Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, values[i]])) as unknown as EventRow;
}

/** Column lists for compact inserts; the type checks below fail to compile when a field is missing. */
export const EVENT_COLUMNS = [
  'event_uid',
  'participant_id',
  'participant_role',
  'event_type',
  'event_step',
  'event_class',
  'event_time',
  'event_utc_offset_minutes',
  'event_location',
  'location_participant_id',
  'session_id',
  'trace_id',
  'request_id',
  'request_method',
  'request_client_id',
  'request_server_id',
  'client_participant_id',
  'server_participant_id',
  'request_uri',
  'request_initiated_by',
  'response_request_id',
  'response_status',
  'error_code',
  'error_description',
  'zorgaanbieder',
  'gegevensdiensten',
  'valid',
  'error_codes',
  'error_messages',
  'catalog_version',
  'aanlevering_id',
  'line_index',
  'source',
  'kafka_topic',
  'kafka_partition',
  'kafka_offset',
  'received_at',
] as const satisfies readonly (keyof EventRow)[];

export const AANLEVERING_COLUMNS = [
  'aanlevering_id',
  'participant_id',
  'channel',
  'received_at',
  'kafka_topic',
  'kafka_partition',
  'kafka_offset',
  'message_chars',
  'line_count',
  'stored_count',
  'duplicate_count',
  'valid_count',
  'invalid_count',
  'rejected_count',
  'technisch_ok',
  'message_error',
  'functional_errors',
  'processed_at',
] as const satisfies readonly (keyof AanleveringRow)[];

/** Columns of aanleveringen_packed, as {@link writePackedAanleveringen} writes them. */
export const PACKED_AANLEVERING_COLUMNS = [
  'participant_id',
  'channel',
  'kafka_topic',
  'kafka_partition',
  'aanlevering_ids',
  'received_ats',
  'kafka_offsets',
  'message_char_counts',
  'line_counts',
  'stored_counts',
  'duplicate_counts',
  'valid_counts',
  'invalid_counts',
  'rejected_counts',
  'technisch_oks',
  'message_errors',
  'functional_error_counts',
  'processed_ats',
] as const;

export const REJECTION_COLUMNS = [
  'rejection_id',
  'participant_id',
  'aanlevering_id',
  'scope',
  'line_index',
  'rule_ids',
  'pointers',
  'messages',
  'event_type',
  'trace_id',
  'redacted_excerpt',
  'source',
  'kafka_topic',
  'kafka_partition',
  'kafka_offset',
  'received_at',
] as const satisfies readonly (keyof RejectionRow)[];

type Complete<Row, Cols extends readonly (keyof Row)[]> =
  Exclude<keyof Row, Cols[number]> extends never ? true : false;
export const COLUMN_LISTS_COMPLETE: [
  Complete<EventRow, typeof EVENT_COLUMNS>,
  Complete<AanleveringRow, typeof AANLEVERING_COLUMNS>,
  Complete<RejectionRow, typeof REJECTION_COLUMNS>,
] = [true, true, true];
