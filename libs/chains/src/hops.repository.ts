import { ClickHouseService } from '@app/clickhouse';
import { chDateTime } from './ch-time';
import { ChainClassification } from './chain-classification';
import { CANDIDATE_TRACES } from './chain-parts.repository';
import { PairedHop } from './hop-pairing';

const EXISTING_OF_CANDIDATES = `
  SELECT DISTINCT toString(trace_id) AS trace, hop, request_key FROM {{db}}.hops
  WHERE trace_id IN (${CANDIDATE_TRACES})`;

const OF_TRACE = `
  SELECT hop, request_key, direction, sender_id, receiver_id,
         toUnixTimestamp64Milli(sent_at) AS sent_ms, toUnixTimestamp64Milli(arrived_at) AS arrived_ms, latency_ms
  FROM {{db}}.hops WHERE trace_id = {trace:UUID}
  ORDER BY sent_at LIMIT 1 BY hop, request_key`;

/** hops: paired send/receive events; inserting one feeds the latency and clock-skew rollups. */
export class HopsRepository {
  private readonly existingSql: string;
  private readonly ofTraceSql: string;

  constructor(private readonly ch: ClickHouseService) {
    this.existingSql = ch.sql(EXISTING_OF_CANDIDATES);
    this.ofTraceSql = ch.sql(OF_TRACE);
  }

  /** Keys (`trace|hop|request`) of hops already recorded for the candidate chains. */
  async existingOfCandidates(sinceMs: number, shard: number, shards: number): Promise<Set<string>> {
    const rows = await this.ch.query<{ trace: string; hop: string; request_key: string }>(this.existingSql, {
      since: chDateTime(sinceMs),
      shard,
      shards,
    });
    return new Set(rows.map((r) => hopKey(r.trace, r.hop, r.request_key)));
  }

  async ofTrace(traceId: string): Promise<PairedHop[]> {
    const rows = await this.ch.query<{
      hop: string;
      request_key: string;
      direction: PairedHop['direction'];
      sender_id: string;
      receiver_id: string;
      sent_ms: string;
      arrived_ms: string;
      latency_ms: string;
    }>(this.ofTraceSql, { trace: traceId });
    return rows.map((r) => ({
      hop: r.hop,
      requestKey: r.request_key,
      direction: r.direction,
      senderId: r.sender_id,
      receiverId: r.receiver_id,
      sentAtMs: Number(r.sent_ms),
      arrivedAtMs: Number(r.arrived_ms),
      latencyMs: Number(r.latency_ms),
    }));
  }

  async record(
    hops: ReadonlyArray<{ chain: ChainClassification; hop: PairedHop }>,
    recordedAtMs: number,
  ): Promise<void> {
    await this.ch.insert(
      'hops',
      hops.map(({ chain, hop }) => ({
        trace_id: chain.traceId,
        hop: hop.hop,
        request_key: hop.requestKey,
        direction: hop.direction,
        sender_id: hop.senderId,
        receiver_id: hop.receiverId,
        dvp_id: chain.dvpId,
        dva_id: chain.dvaId,
        zorgaanbieder: chain.zorgaanbieder,
        gegevensdienst: chain.gegevensdienst,
        sent_at: chDateTime(hop.sentAtMs),
        arrived_at: chDateTime(hop.arrivedAtMs),
        latency_ms: hop.latencyMs,
        recorded_at: chDateTime(recordedAtMs),
      })),
    );
  }
}

export function hopKey(traceId: string, hop: string, requestKey: string): string {
  return `${traceId}|${hop}|${requestKey}`;
}
