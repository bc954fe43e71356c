import { ClickHouseService } from '@app/clickhouse';

/** One stored line of a chain, as an operator sees it in a chain look-up. */
export interface ChainLine {
  readonly participantId: string;
  readonly participantRole: string;
  readonly eventType: string;
  readonly eventStep: number;
  readonly eventClass: string;
  readonly eventTime: string;
  readonly eventLocation: string;
  readonly sessionId: string;
  readonly requestId: string;
  readonly requestMethod: string;
  readonly requestClientId: string;
  readonly requestServerId: string;
  readonly responseRequestId: string;
  readonly responseStatus: number;
  readonly errorCode: string;
  readonly errorDescription: string;
  readonly valid: boolean;
  readonly errorCodes: string[];
  readonly receivedAt: string;
  readonly aanleveringId: string;
}

// The bloom-filter skip indexes on trace_id and session_id (migration 0001) keep both look-ups
// to a few granules. FINAL folds a line the ReplacingMergeTree has not merged yet.
const LINES_OF_TRACE = `
  SELECT participant_id AS participantId, participant_role AS participantRole, event_type AS eventType,
         event_step AS eventStep, event_class AS eventClass,
         toUnixTimestamp64Milli(event_time) AS eventTime,
         event_location AS eventLocation, session_id AS sessionId, request_id AS requestId,
         request_method AS requestMethod, request_client_id AS requestClientId,
         request_server_id AS requestServerId, response_request_id AS responseRequestId,
         response_status AS responseStatus, error_code AS errorCode, error_description AS errorDescription,
         valid, error_codes AS errorCodes,
         toUnixTimestamp64Milli(received_at) AS receivedAt,
         toString(aanlevering_id) AS aanleveringId
  FROM {{db}}.ketenlog_events FINAL
  WHERE trace_id = {trace:UUID}
  ORDER BY event_time, event_step, participant_id
  LIMIT 1000`;

const TRACES_OF_SESSION = `
  SELECT DISTINCT toString(trace_id) AS trace_id FROM {{db}}.ketenlog_events
  WHERE session_id = {session:String} LIMIT 100`;

/** Reads the stored lines of a chain (ketenlog_events) for look-ups. */
export class ChainLinesRepository {
  private readonly linesSql: string;
  private readonly sessionSql: string;

  constructor(private readonly ch: ClickHouseService) {
    this.linesSql = ch.sql(LINES_OF_TRACE);
    this.sessionSql = ch.sql(TRACES_OF_SESSION);
  }

  async ofTrace(traceId: string): Promise<ChainLine[]> {
    const rows = await this.ch.query<ChainLine>(this.linesSql, { trace: traceId });
    return rows.map((r) => ({
      ...r,
      eventTime: new Date(Number(r.eventTime)).toISOString(),
      receivedAt: new Date(Number(r.receivedAt)).toISOString(),
      eventStep: Number(r.eventStep),
      responseStatus: Number(r.responseStatus),
    }));
  }

  async tracesOfSession(sessionId: string): Promise<string[]> {
    const rows = await this.ch.query<{ trace_id: string }>(this.sessionSql, {
      session: sessionId.toLowerCase(),
    });
    return rows.map((r) => r.trace_id);
  }
}
