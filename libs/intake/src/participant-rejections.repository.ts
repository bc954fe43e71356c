import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE, ClickHouseService } from '@app/clickhouse';

/** One rejected line (or message) of an aanlevering, from `ketenlog_rejections`. */
export interface RejectionRowView {
  readonly scope: string;
  readonly line_index: number;
  readonly rule_ids: string[];
  readonly pointers: string[];
  readonly messages: string[];
  readonly event_type: string;
  readonly trace_id: string;
}

const SELECT_REJECTIONS = `
  SELECT scope, line_index, rule_ids, pointers, messages, event_type, trace_id
  FROM {{db}}.ketenlog_rejections FINAL
  WHERE participant_id = {participant:String} AND aanlevering_id = {aanlevering:UUID}
  ORDER BY line_index
  LIMIT {limit:UInt32}`;

/** Reads why lines of a participant's own aanlevering were rejected. */
@Injectable()
export class ParticipantRejectionsRepository {
  constructor(@Inject(CLICKHOUSE) private readonly ch: ClickHouseService) {}

  ofAanlevering(participantId: string, aanleveringId: string, limit: number): Promise<RejectionRowView[]> {
    return this.ch.query<RejectionRowView>(this.ch.sql(SELECT_REJECTIONS), {
      participant: participantId,
      aanlevering: aanleveringId,
      limit,
    });
  }
}
