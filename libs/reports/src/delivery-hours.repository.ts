import { chDateTime } from '@app/chains';
import { ClickHouseService } from '@app/clickhouse';
import { ReportMonth } from './report-month';

// aanleveringen is ordered by (participant_id, received_at): a month per participant is a range
// read. FINAL folds a replayed delivery (same aanlevering_id) into one row. The month starts on a
// whole UTC hour (local midnight), so UTC clock hours are the month's local clock hours.
const DELIVERY_HOURS = `
  SELECT participant_id,
         count() AS aanleveringen,
         countIf(technisch_ok) AS ok,
         sum(line_count) AS lines,
         uniqExact(toStartOfHour(received_at)) AS hours,
         toUnixTimestamp64Milli(max(received_at)) AS last_ms
  FROM {{db}}.aanleveringen FINAL
  WHERE received_at >= {from:DateTime64(3, 'UTC')} AND received_at < {to:DateTime64(3, 'UTC')}
  GROUP BY participant_id`;

export interface ParticipantDeliveries {
  readonly aanleveringen: number;
  readonly technischOk: number;
  readonly lines: number;
  /** Distinct clock hours with at least one aanlevering (any outcome). */
  readonly hoursWithDelivery: number;
  readonly lastDeliveryMs: number;
}

/** Deliveries per participant and clock hour of a month, for the hourly delivery rule. */
export class DeliveryHoursRepository {
  private readonly sql: string;

  constructor(private readonly ch: ClickHouseService) {
    this.sql = ch.sql(DELIVERY_HOURS);
  }

  async ofMonth(month: ReportMonth): Promise<Map<string, ParticipantDeliveries>> {
    const rows = await this.ch.query<Record<string, string>>(this.sql, {
      from: chDateTime(month.fromMs),
      to: chDateTime(month.toMs),
    });
    return new Map(
      rows.map((r) => [
        r.participant_id,
        {
          aanleveringen: Number(r.aanleveringen),
          technischOk: Number(r.ok),
          lines: Number(r.lines),
          hoursWithDelivery: Number(r.hours),
          lastDeliveryMs: Number(r.last_ms),
        },
      ]),
    );
  }
}
