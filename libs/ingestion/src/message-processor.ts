import { isUtf8 } from 'node:buffer';
import {
  CatalogRegistry,
  KetenlogLine,
  LineError,
  LineValidator,
  RULES,
  evaluateLineRules,
  lineTimeMs,
  eventUid,
  maskBsnDeep,
  mayContainBsn,
  redactedLine,
  oldestAllowed,
  redactedRaw,
  scopeFromUri,
  uuidFromHash,
} from '@app/ketenlog';
import { ConsumedMessage, HEADER_AANLEVERING_ID, HEADER_CHANNEL, participantFromTopic } from '@app/kafka';
import { ParticipantDirectory } from '@app/participants';
import {
  AanleveringRow,
  Channel,
  EventRecord,
  EventRow,
  RejectionRow,
  chDateTime,
  eventRowLine,
} from './rows';
import { RepeatingTime, utcOffsetMinutes } from './time-text';
import { RowArena } from './row-arena';

export interface ProcessingSettings {
  readonly maxMessageChars: number;
  readonly maxFutureSkewSeconds: number;
  readonly retentionMonths: number;
}

/** The outcome of one message (= one aanlevering) before deduplication against stored lines. */
/**
 * Shared empties for the common case (no rejections, no functional errors yet): a pending
 * message lives until its flush, and every object it holds survives young-generation GCs and
 * is copied; these two were two of its ten objects.
 */
const NO_REJECTIONS: RejectionRow[] = Object.freeze([]) as unknown as RejectionRow[];
const NO_FUNCTIONAL_ERRORS: Record<string, number> = Object.freeze({}) as Record<string, number>;

export interface ProcessedMessage {
  readonly aanlevering: AanleveringRow;
  readonly events: EventRecord[];
  readonly rejections: RejectionRow[];
}

/** What every line of one message shares. */
interface MessageFacts {
  readonly participantId: string;
  readonly participantRole: 'DVP' | 'DVA';
  readonly msg: ConsumedMessage;
  readonly aanleveringId: string;
  readonly receivedAt: string;
  readonly channel: Channel;
  readonly oldestAllowedMs: number;
  readonly mayHoldBsn: boolean;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_ERRORS: readonly string[] = Object.freeze([]);

/** Fields a rejection shares with its aanlevering. */
function rejectionBase(a: AanleveringRow) {
  return {
    participant_id: a.participant_id,
    aanlevering_id: a.aanlevering_id,
    kafka_topic: a.kafka_topic,
    kafka_partition: a.kafka_partition,
    kafka_offset: a.kafka_offset,
    received_at: a.received_at,
  };
}

/**
 * Turns one Kafka message into rows: the technical check of the message and of every line
 * (schema), then the functional rules per line, normalisation, and the BSN guard. Pure and
 * synchronous: everything it needs is in memory.
 *
 * Technisch niet OK (unreadable message, or any line failing the schema): no line of the
 * message is stored; every failing line (or the message) gets a rejection with its reasons.
 * Technisch OK: every line is stored, flagged valid or invalid with its functional errors.
 */
export class MessageProcessor {
  private readonly validator = new LineValidator();
  private readonly receivedTimes = new RepeatingTime();
  private readonly processedTimes = new RepeatingTime();

  /** oldestAllowed() of the last receipt time: consecutive messages mostly share it. */
  private lastReceivedMs = Number.NaN;
  private lastOldestAllowedMs = 0;

  private readonly topicParticipants = new Map<string, string>();

  /** Where accepted lines' rows wait for their insert, off the JavaScript heap. */
  private readonly arena = new RowArena();

  constructor(
    private readonly catalogs: CatalogRegistry,
    private readonly directory: ParticipantDirectory,
    private readonly settings: ProcessingSettings,
  ) {}

  process(msg: ConsumedMessage, processedAtMs = Date.now()): ProcessedMessage {
    const receivedAt = this.receivedTimes.format(msg.timestampMs);
    const participantId = this.participantOf(msg.topic);
    const headerId = msg.headers[HEADER_AANLEVERING_ID];
    const channel: Channel = msg.headers[HEADER_CHANNEL] === 'http' ? 'http' : 'kafka';
    const aanleveringId =
      headerId && UUID_RE.test(headerId)
        ? headerId.toLowerCase()
        : uuidFromHash(`kafka:${msg.topic}:${msg.partition}:${msg.offset}`);
    // Written out in full (no spread): one object shape for every message keeps this fast.
    const aanlevering: AanleveringRow = {
      aanlevering_id: aanleveringId,
      participant_id: participantId || msg.topic,
      channel,
      received_at: receivedAt,
      kafka_topic: msg.topic,
      kafka_partition: msg.partition,
      kafka_offset: msg.offset,
      message_chars: msg.value?.length ?? 0,
      line_count: 0,
      stored_count: 0,
      duplicate_count: 0,
      valid_count: 0,
      invalid_count: 0,
      rejected_count: 0,
      technisch_ok: false,
      message_error: '',
      // Shared and frozen: counted into a fresh object at the flush (FlushWriter).
      functional_errors: NO_FUNCTIONAL_ERRORS,
      processed_at: this.processedTimes.format(processedAtMs),
    };
    const rejectMessage = (error: LineError, raw: string): ProcessedMessage => {
      aanlevering.message_error = error.rule;
      return {
        aanlevering,
        events: [],
        rejections: [
          {
            ...rejectionBase(aanlevering),
            rejection_id: uuidFromHash(`rejection:${aanleveringId}:-1`),
            scope: 'message',
            line_index: -1,
            rule_ids: [error.rule],
            pointers: [error.pointer],
            messages: [error.message],
            event_type: '',
            trace_id: '',
            redacted_excerpt: redactedRaw(raw),
            source: channel,
          },
        ],
      };
    };

    const participant = participantId ? this.directory.get(participantId) : undefined;
    // The directory's own string, shared by every message of the participant (a pending row
    // lives until its flush, and a copy per message was 36 bytes more for the GC to move).
    if (participant) aanlevering.participant_id = participant.id;
    if (!participant) {
      return rejectMessage(
        {
          rule: RULES.topicUnknownParticipant,
          pointer: '',
          message: `topic ${msg.topic} does not belong to a registered participant; deliver to ketenlog.<your participant id>`,
        },
        '',
      );
    }
    const value = msg.value;
    if (!value || value.length === 0) {
      return rejectMessage({ rule: RULES.messageEmpty, pointer: '', message: 'the message is empty' }, '');
    }
    if (!isUtf8(value)) {
      return rejectMessage(
        { rule: RULES.messageInvalidUtf8, pointer: '', message: 'the message is not valid UTF-8' },
        value.subarray(0, 512).toString('latin1'),
      );
    }
    const text = value.toString('utf8');
    aanlevering.message_chars = text.length;
    if (text.length > this.settings.maxMessageChars) {
      return rejectMessage(
        {
          rule: RULES.messageTooLarge,
          pointer: '',
          message: `the message has ${text.length} characters; at most ${this.settings.maxMessageChars} are allowed`,
        },
        text.slice(0, 512),
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return rejectMessage(
        {
          rule: RULES.messageNotJson,
          pointer: '',
          message: `the message is not valid JSON: ${(err as Error).message}`,
        },
        text,
      );
    }
    const lines: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
    if (parsed === null || typeof parsed !== 'object') {
      return rejectMessage(
        {
          rule: RULES.messageNotLines,
          pointer: '',
          message: 'the message must be one line (a JSON object) or an array of lines',
        },
        text,
      );
    }
    if (lines.length === 0) {
      return rejectMessage(
        { rule: RULES.messageEmpty, pointer: '', message: 'the message holds no lines' },
        text,
      );
    }
    aanlevering.line_count = lines.length;

    // Technical check of every line first: one failing line makes the whole aanlevering niet OK.
    const rejections: RejectionRow[] = [];
    for (let i = 0; i < lines.length; i++) {
      const errors = this.validator.validate(lines[i]);
      if (errors.length === 0) continue;
      const line = lines[i] as Partial<KetenlogLine> | null;
      rejections.push({
        ...rejectionBase(aanlevering),
        rejection_id: uuidFromHash(`rejection:${aanleveringId}:${i}`),
        scope: 'line',
        line_index: i,
        rule_ids: errors.map((e) => e.rule),
        pointers: errors.map((e) => e.pointer),
        messages: errors.map((e) => e.message),
        event_type: typeof line?.event?.type === 'string' ? line.event.type.slice(0, 100) : '',
        trace_id: typeof line?.event?.trace_id === 'string' ? line.event.trace_id.slice(0, 64) : '',
        redacted_excerpt: redactedLine(line),
        source: channel,
      });
    }
    if (rejections.length > 0) {
      aanlevering.message_error = RULES.batchNotOk;
      aanlevering.rejected_count = rejections.length;
      return { aanlevering, events: [], rejections };
    }

    aanlevering.technisch_ok = true;
    const perMessage: MessageFacts = {
      participantId: participant.id,
      participantRole: participant.role,
      msg,
      aanleveringId,
      receivedAt,
      channel,
      oldestAllowedMs: this.oldestAllowedFor(msg.timestampMs),
      mayHoldBsn: mayContainBsn(text),
    };
    if (lines.length === 1) {
      return {
        aanlevering,
        events: [this.toEvent(lines[0] as KetenlogLine, 0, perMessage)],
        rejections: NO_REJECTIONS,
      };
    }
    const events: EventRecord[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < lines.length; i++) {
      const event = this.toEvent(lines[i] as KetenlogLine, i, perMessage);
      if (seen.has(event.uid)) {
        aanlevering.duplicate_count++;
        continue;
      }
      seen.add(event.uid);
      events.push(event);
    }
    return { aanlevering, events, rejections: NO_REJECTIONS };
  }

  /** participantFromTopic, remembered per topic (a few hundred topics, millions of messages). */
  private participantOf(topic: string): string {
    let id = this.topicParticipants.get(topic);
    if (id === undefined) {
      id = participantFromTopic(topic) ?? '';
      if (this.topicParticipants.size >= 10_000) this.topicParticipants.clear();
      this.topicParticipants.set(topic, id);
    }
    return id;
  }

  private oldestAllowedFor(receivedAtMs: number): number {
    if (receivedAtMs !== this.lastReceivedMs) {
      this.lastReceivedMs = receivedAtMs;
      this.lastOldestAllowedMs = oldestAllowed(receivedAtMs, this.settings.retentionMonths);
    }
    return this.lastOldestAllowedMs;
  }

  private toEvent(original: KetenlogLine, index: number, facts: MessageFacts): EventRecord {
    const { participantId, participantRole, msg, channel } = facts;
    const uid = eventUid(participantId, original);
    const eventTimeMs = lineTimeMs(original.event.datetime);
    const catalog = this.catalogs.forTime(eventTimeMs);
    const catalogEvent = catalog.event(original.event.type);
    const location = original.event.location.toLowerCase();
    const locationParticipant = this.directory.byHostname(location);
    const errors = evaluateLineRules({
      line: original,
      catalogEvent,
      catalogVersion: catalog.version,
      participantId,
      participantRole,
      locationParticipantId: locationParticipant?.id,
      eventTimeMs,
      receivedAtMs: msg.timestampMs,
      maxFutureSkewMs: this.settings.maxFutureSkewSeconds * 1000,
      retentionMonths: this.settings.retentionMonths,
      oldestAllowedMs: facts.oldestAllowedMs,
      mayHoldBsn: facts.mayHoldBsn,
    });
    // The BSN guard: the offending values never reach storage.
    const line = errors.some((e) => e.rule === RULES.bsn) ? maskBsnDeep(original) : original;
    const req = line.request;
    const res = line.response;
    const scope = req ? scopeFromUri(req.uri) : undefined;
    const clientId = req ? req.client_id.toLowerCase() : '';
    const serverId = req ? req.server_id.toLowerCase() : '';
    const errorCodes = errors.length === 0 ? NO_ERRORS : errors.map((e) => e.rule);
    const row: EventRow = {
      event_uid: uid,
      participant_id: participantId,
      participant_role: participantRole,
      event_type: line.event.type,
      event_step: catalogEvent?.step ?? 0,
      event_class: catalogEvent?.class ?? '',
      event_time: chDateTime(eventTimeMs),
      event_utc_offset_minutes: utcOffsetMinutes(original.event.datetime),
      // Masked like every other string when the line holds a BSN (a hostname label may be one).
      event_location: line === original ? location : line.event.location.toLowerCase(),
      location_participant_id: locationParticipant?.id ?? '',
      // Identifiers come from the schema-checked original: they are UUIDs, never masked.
      session_id: original.event.session_id?.toLowerCase() ?? '',
      trace_id: original.event.trace_id.toLowerCase(),
      request_id: req?.id ?? '',
      request_method: req ? req.method.toLowerCase() : '',
      request_client_id: clientId,
      request_server_id: serverId,
      client_participant_id: clientId ? (this.directory.byHostname(clientId)?.id ?? '') : '',
      server_participant_id: serverId ? (this.directory.byHostname(serverId)?.id ?? '') : '',
      request_uri: req?.uri ?? '',
      request_initiated_by: req?.initiated_by ?? '',
      response_request_id: res?.request_id ?? '',
      response_status: res?.status ?? 0,
      error_code: line.error?.code ?? '',
      error_description: line.error?.description ?? '',
      zorgaanbieder: scope?.zorgaanbieder ?? '',
      gegevensdiensten: scope?.gegevensdiensten ?? [],
      valid: errors.length === 0,
      error_codes: errorCodes as string[],
      error_messages: errors.length === 0 ? (NO_ERRORS as string[]) : errors.map((e) => e.message),
      catalog_version: catalog.version,
      aanlevering_id: facts.aanleveringId,
      line_index: index,
      source: channel,
      kafka_topic: msg.topic,
      kafka_partition: msg.partition,
      kafka_offset: msg.offset,
      received_at: facts.receivedAt,
    };
    const arena = this.arena;
    arena.append(eventRowLine(row));
    return new EventRecord(
      uid,
      participantId,
      index,
      eventTimeMs,
      row.valid,
      errorCodes,
      arena.lastChunk,
      arena.lastStart,
      arena.lastEnd,
    );
  }
}
