import { clickHouseErrorCode } from '@app/clickhouse';
import { RULES, redactedRaw, uuidFromHash } from '@app/ketenlog';
import { AanleveringRow, EventRecord, RejectionRow } from './rows';

/**
 * The quarantine: a line ClickHouse refuses to store (a poison row) becomes a rejection with
 * rule `quarantine.insert_failed`, ClickHouse's reason and a redacted excerpt, in
 * ketenlog_rejections next to every other rejection, where the participant already looks.
 * Its id is deterministic, so a replay folds into the same row.
 */
export function quarantinedLine(a: AanleveringRow, event: EventRecord, error: Error): RejectionRow {
  return wellFormed({
    rejection_id: uuidFromHash(`quarantine:${a.aanlevering_id}:${event.lineIndex}`),
    participant_id: a.participant_id,
    aanlevering_id: a.aanlevering_id,
    scope: 'line',
    line_index: event.lineIndex,
    rule_ids: [RULES.quarantineInsertFailed],
    pointers: [''],
    messages: [refusal(error)],
    event_type: '',
    trace_id: '',
    redacted_excerpt: redactedRaw(event.line),
    source: a.channel,
    kafka_topic: a.kafka_topic,
    kafka_partition: a.kafka_partition,
    kafka_offset: a.kafka_offset,
    received_at: a.received_at,
  });
}

/**
 * A rejection row that was itself refused: its strings made well-formed and its excerpt
 * withheld, so that at least the reason is kept.
 */
export function withheldRejection(r: RejectionRow): RejectionRow {
  return wellFormed({
    ...r,
    messages: r.messages.map((m) => m.slice(0, 500)),
    pointers: r.pointers.map((p) => p.slice(0, 200)),
    redacted_excerpt: '(excerpt withheld: ClickHouse could not store it)',
  });
}

/** ClickHouse's reason in one short, safe sentence (its full text can quote the row). */
function refusal(error: Error): string {
  const code = clickHouseErrorCode(error);
  const reason =
    /DB::Exception: ([^:(\n]{1,160})/.exec(error.message)?.[1]?.trim() ?? 'the row could not be stored';
  return redactedRaw(
    `ClickHouse refused to store this line (error ${code ?? '?'}: ${reason}); it was set aside and the rest of the delivery was stored`,
  );
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function wellFormed(r: RejectionRow): RejectionRow {
  const fix = (s: string) => s.replace(LONE_SURROGATE, '\ufffd');
  return {
    ...r,
    rule_ids: r.rule_ids.map(fix),
    pointers: r.pointers.map(fix),
    messages: r.messages.map(fix),
    event_type: fix(r.event_type),
    trace_id: fix(r.trace_id),
    redacted_excerpt: fix(r.redacted_excerpt),
  };
}
