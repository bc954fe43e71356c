import { ClickHouseService } from '@app/clickhouse';
import { joinArenaRows } from './row-arena';
import { EVENT_COLUMNS, EventRecord, chDateTime } from './rows';

const FIND_EXISTING = `
  SELECT toString(event_uid) AS uid, toString(aanlevering_id) AS aanlevering_id
  FROM {{db}}.ketenlog_events
  WHERE participant_id IN {participants:Array(String)}
    AND event_time BETWEEN {from:DateTime64(3, 'UTC')} AND {to:DateTime64(3, 'UTC')}
    AND event_uid IN `;

/** The accepted lines table. */
export class KetenlogEventsRepository {
  private readonly findExistingSql: string;

  constructor(private readonly ch: ClickHouseService) {
    this.findExistingSql = ch.sql(FIND_EXISTING);
  }

  /** Inserts serialised rows (see EventRecord). */
  insert(rows: readonly EventRecord[], dedupToken: string): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return this.ch.insertCompactBody(
      'ketenlog_events',
      joinArenaRows(rows),
      // One row per event_uid: the flush drops repeats before it inserts.
      { dedupToken, columns: EVENT_COLUMNS, uniqueKeys: true },
    );
  }

  /**
   * Which of these lines are stored already, and by which aanlevering. The sort key leads with
   * participant and event time, so the look-up reads only the granules of this batch's time span.
   */
  async findExisting(rows: readonly EventRecord[]): Promise<Map<string, string>> {
    if (rows.length === 0) return new Map();
    const participants = new Set<string>();
    let from = rows[0].eventTimeMs;
    let to = rows[0].eventTimeMs;
    const uids = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      participants.add(r.participantId);
      if (r.eventTimeMs < from) from = r.eventTimeMs;
      if (r.eventTimeMs > to) to = r.eventTimeMs;
      uids[i] = r.uid;
    }
    const found = await this.ch.queryWithSet<{ uid: string; aanlevering_id: string }>(
      (set) => this.findExistingSql + set,
      { participants: [...participants], from: chDateTime(from), to: chDateTime(to) },
      { type: 'UUID', values: uids },
    );
    return new Map(found.map((f) => [f.uid, f.aanlevering_id]));
  }
}
