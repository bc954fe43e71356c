import { JsonLogger } from '@app/observability';
import { RULES } from '@app/ketenlog';
import { IngestionMetrics } from './ingestion.metrics';
import { insertIsolating } from './insert-isolation';
import { ProcessedMessage } from './message-processor';
import { quarantinedLine, withheldRejection } from './quarantine';
import { AanleveringRow, EventRecord, RejectionRow } from './rows';
import type { FlushResult, PipelineStores } from './ingestion.pipeline';

/**
 * What one flush writes, in two stages (see IngestionPipeline.flush): deduplication against
 * what is stored, the lines (with the quarantine for lines ClickHouse refuses) and the
 * rejections; then the aanleveringen rows, last, because such a row says its delivery is
 * complete. Both stages may be retried as a whole: insert tokens make that safe.
 */
export class FlushWriter {
  private readonly log = new JsonLogger('ingestion');

  constructor(
    private readonly stores: PipelineStores,
    private readonly metrics: IngestionMetrics,
  ) {}

  /**
   * Stage 1: drops what is stored already (deliveries completed before a crash, lines delivered
   * before), inserts the new lines, setting aside any line ClickHouse refuses (quarantine),
   * then the rejections. Returns the aanleveringen rows to write last.
   */
  async store(batch: ProcessedMessage[], token: string): Promise<FlushResult> {
    const started = performance.now();
    const existing = await this.stores.events.findExisting(allEvents(batch));
    // Only a delivery with no line that is certainly new can have been completed before: a
    // completed delivery left every line it could store in ketenlog_events (stored by itself,
    // or found there as a duplicate). The rest skip the aanleveringen look-up, which for
    // one-line messages cost as much as the lines' own. A line ClickHouse refused is the
    // exception (it is not in ketenlog_events); see `completedBefore` below.
    const maybeDone =
      existing.size === 0
        ? batch.filter((b) => b.events.length === 0)
        : batch.filter((b) => b.events.every((e) => existing.has(e.uid)));
    const already = await this.stores.aanleveringen.findExisting(maybeDone.map((b) => b.aanlevering));
    const lookedUp = new Set(maybeDone.map((b) => b.aanlevering.aanlevering_id));
    // A delivery counts once: one stored before (a replay), or one seen earlier in this batch
    // (the same HTTPS delivery handed to Kafka twice carries the same id), is left out.
    const seen = new Set<string>(already);
    const live = batch.filter((b) => {
      const id = b.aanlevering.aanlevering_id;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });

    const events: EventRecord[] = [];
    // live[i]'s outcome; no maps keyed per message or line (one flush holds 20,000 messages,
    // and what a flush holds lives through its inserts, long enough to reach V8's old
    // generation). The quarantine below, which is rare, finds owners by scanning.
    const outcomes: AanleveringRow[] = new Array<AanleveringRow>(live.length);
    const taken = new Set<string>();
    for (let i = 0; i < live.length; i++) {
      const { aanlevering, events: rows } = live[i];
      // A fresh outcome per attempt: a retried write must not count twice.
      const outcome = freshOutcome(aanlevering);
      outcomes[i] = outcome;
      for (const row of rows) {
        const storedBy = existing.get(row.uid);
        const replay = storedBy === aanlevering.aanlevering_id;
        if ((storedBy !== undefined && !replay) || taken.has(row.uid)) {
          outcome.duplicate_count++;
          continue;
        }
        taken.add(row.uid);
        if (!replay) events.push(row);
        count(outcome, row, 1);
      }
    }

    const lookupDone = performance.now();
    const poisonEvents = await this.timed('ketenlog_events', events.length, () =>
      insertIsolating(
        events,
        `${token}:events`,
        (e) => e.uid,
        (rows, t) => this.stores.events.insert(rows, t),
      ),
    );
    // Owner (index in `live`) of each refused line.
    const owners = new Map<EventRecord, number>();
    if (poisonEvents?.length) {
      const refusedRows = new Set(poisonEvents.map((p) => p.row));
      live.forEach((b, i) => b.events.forEach((e) => refusedRows.has(e) && owners.set(e, i)));
    }
    // A delivery with a refused line that skipped the aanleveringen look-up (its refused line
    // was not in ketenlog_events) may still have been completed before: a replay after a crash.
    // Looked up now (rare); if so, nothing of it is written again.
    const suspects = new Set<AanleveringRow>();
    for (const { row } of poisonEvents ?? []) {
      const a = live[owners.get(row) as number].aanlevering;
      if (!lookedUp.has(a.aanlevering_id)) suspects.add(a);
    }
    const completedBefore = await this.stores.aanleveringen.findExisting([...suspects]);
    const quarantined: RejectionRow[] = [];
    for (const { row, error } of poisonEvents ?? []) {
      const i = owners.get(row) as number;
      const a = live[i].aanlevering;
      if (completedBefore.has(a.aanlevering_id)) continue;
      const outcome = outcomes[i];
      count(outcome, row, -1);
      outcome.rejected_count++;
      if (!outcome.message_error) outcome.message_error = RULES.quarantineInsertFailed;
      quarantined.push(quarantinedLine(a, row, error));
      this.log.error('ClickHouse refused a line; set aside in quarantine', {
        aanleveringId: a.aanlevering_id,
        lineIndex: row.lineIndex,
        error: firstLine(error.message),
      });
    }
    const refused = new Set((poisonEvents ?? []).map((p) => p.row));
    const storedEvents = refused.size > 0 ? events.filter((e) => !refused.has(e)) : events;

    const written =
      completedBefore.size > 0 ? outcomes.filter((o) => !completedBefore.has(o.aanlevering_id)) : outcomes;
    // Loops, not push(...rows): one message can hold 100,000 rejected lines, too many arguments.
    const rejections: RejectionRow[] = [];
    for (const b of live) {
      if (b.rejections.length === 0 || completedBefore.has(b.aanlevering.aanlevering_id)) continue;
      for (const r of b.rejections) rejections.push(r);
    }
    for (const r of quarantined) rejections.push(r);
    const poisonRejections = await this.timed('ketenlog_rejections', rejections.length, () =>
      insertIsolating(
        rejections,
        `${token}:rejections`,
        (r) => r.rejection_id,
        (rows, t) => this.stores.rejections.insert(rows, t),
      ),
    );
    for (const { row, error } of poisonRejections ?? []) {
      this.log.error('ClickHouse refused a rejection row; storing it without its excerpt', {
        rejectionId: row.rejection_id,
        error: firstLine(error.message),
      });
      const lost = await insertIsolating(
        [withheldRejection(row)],
        `${token}:withheld:${row.rejection_id}`,
        (r) => r.rejection_id,
        (rows, t) => this.stores.rejections.insert(rows, t),
      );
      if (lost.length)
        this.log.error('rejection row dropped: ClickHouse refused it twice', {
          rejectionId: row.rejection_id,
        });
    }
    this.log.debug('flush stage 1 written', {
      messages: batch.length,
      lines: storedEvents.length,
      lookupMs: Math.round(lookupDone - started),
      writeMs: Math.round(performance.now() - lookupDone),
    });
    return { events: storedEvents, rejections, aanleveringen: written };
  }

  /** Stage 2: the aanleveringen rows. */
  async complete(staged: FlushResult, token: string): Promise<void> {
    const started = performance.now();
    await this.timed('aanleveringen', staged.aanleveringen.length, () =>
      this.stores.aanleveringen.insert(staged.aanleveringen, `${token}:aanleveringen`),
    );
    this.log.debug('flush stage 2 written', {
      aanleveringen: staged.aanleveringen.length,
      writeMs: Math.round(performance.now() - started),
    });
  }

  private async timed<T>(table: string, rows: number, insert: () => Promise<T>): Promise<T | undefined> {
    if (rows === 0) return undefined;
    const end = this.metrics.insertDuration.startTimer({ table });
    const result = await insert();
    end();
    this.metrics.insertBatchRows.observe({ table }, rows);
    return result;
  }
}

/** Shared by every outcome without functional errors; replaced by a fresh object on the first. */
const NO_FUNCTIONAL_ERRORS: Record<string, number> = Object.freeze({}) as Record<string, number>;

/**
 * A copy of the processor's row to count this attempt's outcome into. Written out field by
 * field: a spread (`{...a}`) of an 18-field row costs several times as much, per message.
 */
function freshOutcome(a: AanleveringRow): AanleveringRow {
  return {
    aanlevering_id: a.aanlevering_id,
    participant_id: a.participant_id,
    channel: a.channel,
    received_at: a.received_at,
    kafka_topic: a.kafka_topic,
    kafka_partition: a.kafka_partition,
    kafka_offset: a.kafka_offset,
    message_chars: a.message_chars,
    line_count: a.line_count,
    stored_count: a.stored_count,
    duplicate_count: a.duplicate_count,
    valid_count: a.valid_count,
    invalid_count: a.invalid_count,
    rejected_count: a.rejected_count,
    technisch_ok: a.technisch_ok,
    message_error: a.message_error,
    functional_errors: NO_FUNCTIONAL_ERRORS,
    processed_at: a.processed_at,
  };
}

/** Adds (+1) or takes back (-1) one stored line in its aanlevering's counts. */
function count(outcome: AanleveringRow, row: EventRecord, sign: 1 | -1): void {
  outcome.stored_count += sign;
  if (row.valid) outcome.valid_count += sign;
  else outcome.invalid_count += sign;
  if (row.errorCodes.length > 0 && outcome.functional_errors === NO_FUNCTIONAL_ERRORS) {
    outcome.functional_errors = {};
  }
  for (const code of row.errorCodes) {
    const n = (outcome.functional_errors[code] ?? 0) + sign;
    if (n === 0) delete outcome.functional_errors[code];
    else outcome.functional_errors[code] = n;
  }
}

/** Every line of the batch, in order (a loop: `flatMap` over 50,000 messages cost 1% of the thread). */
function allEvents(batch: readonly ProcessedMessage[]): EventRecord[] {
  const all: EventRecord[] = [];
  for (const b of batch) {
    const events = b.events;
    if (events.length === 1) all.push(events[0]);
    else for (const e of events) all.push(e);
  }
  return all;
}

/** ClickHouse's first line: the later ones quote the refused row, which stays out of the logs. */
function firstLine(message: string): string {
  return message.split('\n')[0].slice(0, 300);
}
