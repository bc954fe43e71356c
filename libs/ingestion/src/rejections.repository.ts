import { ClickHouseService } from '@app/clickhouse';
import { REJECTION_COLUMNS, RejectionRow } from './rows';

/** What could not be accepted, and why. */
export class RejectionsRepository {
  constructor(private readonly ch: ClickHouseService) {}

  insert(rows: readonly RejectionRow[], dedupToken: string): Promise<void> {
    return this.ch.insert('ketenlog_rejections', rows, {
      dedupToken,
      columns: REJECTION_COLUMNS,
      uniqueKeys: true,
    });
  }
}
