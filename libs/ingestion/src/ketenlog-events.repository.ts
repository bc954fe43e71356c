import { ClickHouseService } from '@app/clickhouse';
import { EVENT_COLUMNS, EventRow } from './rows';

const FIND_EXISTING = `
  SELECT toString(event_uid) AS uid, toString(aanlevering_id) AS aanlevering_id
  FROM {{db}}.ketenlog_events
  WHERE participant_id IN {participants:Array(String)}
    AND event_time BETWEEN {from:DateTime64(3, 'UTC')} AND {to:DateTime64(3, 'UTC')}
    AND event_uid IN {uids:Array(UUID)}`;

/** The accepted lines table. */
export class KetenlogEventsRepository {
  private readonly findExistingSql: string;

  constructor(private readonly ch: ClickHouseService) {
    this.findExistingSql = ch.sql(FIND_EXISTING);
  }

  insert(rows: readonly EventRow[], dedupToken: string): Promise<void> {
    return this.ch.insert('ketenlog_events', rows, { dedupToken, columns: EVENT_COLUMNS });
  }

  /**
   * Which of these lines are stored already, and by which aanlevering. The sort key leads with
   * participant and event time, so the look-up reads only the granules of this batch's time span.
   */
  async findExisting(rows: readonly EventRow[]): Promise<Map<string, string>> {
    if (rows.length === 0) return new Map();
    const participants = new Set<string>();
    let from = rows[0].event_time;
    let to = rows[0].event_time;
    for (const r of rows) {
      participants.add(r.participant_id);
      if (r.event_time < from) from = r.event_time;
      if (r.event_time > to) to = r.event_time;
    }
    const found = await this.ch.query<{ uid: string; aanlevering_id: string }>(this.findExistingSql, {
      participants: [...participants],
      from,
      to,
      uids: rows.map((r) => r.event_uid),
    });
    return new Map(found.map((f) => [f.uid, f.aanlevering_id]));
  }
}
