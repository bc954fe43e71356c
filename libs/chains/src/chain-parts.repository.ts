import { ClickHouseService } from '@app/clickhouse';
import { ChainParty, ChainStep, ChainSummary } from './chain-classification';
import { chDateTime } from './ch-time';

/** The traces touched since {since} (by receipt) that belong to shard {shard} of {shards}. */
export const CANDIDATE_TRACES = `
  SELECT trace_id FROM {{db}}.chain_activity
  WHERE received_minute >= toStartOfMinute({since:DateTime64(3, 'UTC')})
    AND cityHash64(trace_id) % {shards:UInt32} = {shard:UInt32}`;

const PARTS_COLUMNS = `
  SELECT
    toString(trace_id) AS trace,
    participant_id,
    participant_role,
    toUnixTimestamp64Milli(min(first_event_time)) AS first_ms,
    toUnixTimestamp64Milli(max(last_event_time)) AS last_ms,
    toUnixTimestamp64Milli(max(last_received_at)) AS received_ms,
    max(zorgaanbieder) AS zorgaanbieder,
    groupUniqArrayArray(gegevensdiensten) AS gegevensdiensten,
    groupUniqArrayArray(session_ids) AS session_ids,
    arrayMap(s -> [s.1, toString(toUnixTimestamp64Milli(s.2)), s.3, toString(s.4), s.5, s.6, s.7],
             groupUniqArrayArray(steps)) AS steps,
    uniqExactMerge(lines) AS lines
  FROM {{db}}.chain_parts`;

const GROUPING = `GROUP BY trace_id, participant_id, participant_role`;

const PARTS_OF_CANDIDATES = `${PARTS_COLUMNS} WHERE trace_id IN (${CANDIDATE_TRACES}) ${GROUPING}`;
const PARTS_OF_TRACES = `${PARTS_COLUMNS} WHERE trace_id IN {traces:Array(UUID)} ${GROUPING}`;

interface PartRow {
  trace: string;
  participant_id: string;
  participant_role: string;
  first_ms: string;
  last_ms: string;
  received_ms: string;
  zorgaanbieder: string;
  gegevensdiensten: string[];
  session_ids: string[];
  steps: string[][];
  lines: string;
}

/** Reads chain_parts (the per-trace, per-party fold of ketenlog_events) as chain summaries. */
export class ChainPartsRepository {
  private readonly candidatesSql: string;
  private readonly tracesSql: string;

  constructor(private readonly ch: ClickHouseService) {
    this.candidatesSql = ch.sql(PARTS_OF_CANDIDATES);
    this.tracesSql = ch.sql(PARTS_OF_TRACES);
  }

  /** Chains of one shard that received lines since `since` (ms). */
  async candidates(sinceMs: number, shard: number, shards: number): Promise<ChainSummary[]> {
    const rows = await this.ch.query<PartRow>(this.candidatesSql, {
      since: chDateTime(sinceMs),
      shard,
      shards,
    });
    return toSummaries(rows);
  }

  async byTraceIds(traceIds: readonly string[]): Promise<ChainSummary[]> {
    if (traceIds.length === 0) return [];
    return toSummaries(await this.ch.query<PartRow>(this.tracesSql, { traces: traceIds }));
  }
}

function toSummaries(rows: readonly PartRow[]): ChainSummary[] {
  const byTrace = new Map<
    string,
    { parties: ChainParty[]; zorgaanbieder: string; gd: Set<string>; sessions: Set<string> }
  >();
  for (const r of rows) {
    let chain = byTrace.get(r.trace);
    if (!chain) {
      chain = { parties: [], zorgaanbieder: '', gd: new Set(), sessions: new Set() };
      byTrace.set(r.trace, chain);
    }
    if (r.zorgaanbieder > chain.zorgaanbieder) chain.zorgaanbieder = r.zorgaanbieder;
    r.gegevensdiensten.forEach((g) => chain.gd.add(g));
    r.session_ids.forEach((s) => chain.sessions.add(s));
    const steps: ChainStep[] = r.steps.map((s) => ({
      eventType: s[0],
      timeMs: Number(s[1]),
      requestKey: s[2],
      status: Number(s[3]),
      errorCode: s[4],
      clientParticipantId: s[5],
      serverParticipantId: s[6],
    }));
    chain.parties.push({
      participantId: r.participant_id,
      role: r.participant_role,
      firstEventMs: Number(r.first_ms),
      lastEventMs: Number(r.last_ms),
      lastReceivedMs: Number(r.received_ms),
      lines: Number(r.lines),
      steps,
    });
  }
  return [...byTrace].map(([traceId, c]) => ({
    traceId,
    parties: c.parties.sort(
      (a, b) => a.role.localeCompare(b.role) || a.participantId.localeCompare(b.participantId),
    ),
    zorgaanbieder: c.zorgaanbieder,
    gegevensdiensten: [...c.gd].sort(),
    sessionIds: [...c.sessions].sort(),
  }));
}
