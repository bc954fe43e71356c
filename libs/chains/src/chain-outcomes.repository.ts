import { ClickHouseService } from '@app/clickhouse';
import { chDateTime } from './ch-time';
import { ChainClassification } from './chain-classification';
import { CANDIDATE_TRACES } from './chain-parts.repository';

/**
 * server_side in chain_outcomes and the rollups: 0 = no server-side failure, 1 = the DVA's
 * component failed, 2 = the DVP's. Availability of a DVA counts 1, of a DVP counts 2.
 */
export const SIDE_CODE = { '': 0, DVA: 1, DVP: 2 } as const;
const SIDE_OF_CODE: Record<number, 'DVA' | 'DVP'> = { 1: 'DVA', 2: 'DVP' };

/** The dimensions of a decided chain that its rollup row is keyed by. */
export interface DecidedChain {
  readonly traceId: string;
  readonly outcome: string;
  readonly chainStartMs: number;
  readonly dvpId: string;
  readonly dvaId: string;
  readonly zorgaanbieder: string;
  readonly gegevensdienst: string;
  readonly errorArea: string;
  readonly failedSide: 'DVA' | 'DVP' | '';
  readonly dvpLogged: boolean;
  readonly dvaLogged: boolean;
  readonly decidedAtMs: number;
}

const LATEST_COLUMNS = `
  SELECT toString(trace_id) AS trace, outcome, toUnixTimestamp64Milli(chain_start) AS chain_start_ms,
         dvp_id, dva_id, zorgaanbieder, gegevensdienst, error_area, server_side, dvp_logged, dva_logged,
         toUnixTimestamp64Milli(decided_at) AS decided_ms
  FROM {{db}}.chain_outcomes`;
const LATEST_OF_CANDIDATES = `${LATEST_COLUMNS} WHERE trace_id IN (${CANDIDATE_TRACES})
  ORDER BY trace_id, decided_at DESC LIMIT 1 BY trace_id`;
const LATEST_OF_TRACES = `${LATEST_COLUMNS} WHERE trace_id IN {traces:Array(UUID)}
  ORDER BY trace_id, decided_at DESC LIMIT 1 BY trace_id`;

interface LatestRow {
  trace: string;
  outcome: string;
  chain_start_ms: string;
  dvp_id: string;
  dva_id: string;
  zorgaanbieder: string;
  gegevensdienst: string;
  error_area: string;
  server_side: number;
  dvp_logged: number;
  dva_logged: number;
  decided_ms: string;
}

/** chain_outcomes: decided classifications; inserting one also moves the chain in the rollups. */
export class ChainOutcomesRepository {
  private readonly candidatesSql: string;
  private readonly tracesSql: string;

  constructor(private readonly ch: ClickHouseService) {
    this.candidatesSql = ch.sql(LATEST_OF_CANDIDATES);
    this.tracesSql = ch.sql(LATEST_OF_TRACES);
  }

  async latestOfCandidates(
    sinceMs: number,
    shard: number,
    shards: number,
  ): Promise<Map<string, DecidedChain>> {
    return toMap(
      await this.ch.query<LatestRow>(this.candidatesSql, { since: chDateTime(sinceMs), shard, shards }),
    );
  }

  async latestOf(traceIds: readonly string[]): Promise<Map<string, DecidedChain>> {
    if (traceIds.length === 0) return new Map();
    return toMap(await this.ch.query<LatestRow>(this.tracesSql, { traces: traceIds }));
  }

  /** Records new decisions; each row retracts `previous` from the rollups (see migration 0012). */
  async record(
    decisions: ReadonlyArray<{ classification: ChainClassification; previous?: DecidedChain }>,
    decidedAtMs: number,
  ): Promise<void> {
    const rows = decisions.map(({ classification: c, previous: p }) => ({
      trace_id: c.traceId,
      decided_at: chDateTime(decidedAtMs),
      chain_start: chDateTime(c.chainStartMs),
      chain_end: chDateTime(c.chainEndMs),
      dvp_id: c.dvpId,
      dva_id: c.dvaId,
      zorgaanbieder: c.zorgaanbieder,
      gegevensdienst: c.gegevensdienst,
      gegevensdiensten: c.gegevensdiensten,
      outcome: c.outcome,
      error_area: c.errorArea,
      server_side: SIDE_CODE[c.failedSide],
      dvp_logged: c.dvpLogged ? 1 : 0,
      dva_logged: c.dvaLogged ? 1 : 0,
      furthest_step: c.furthestStep,
      furthest_event: c.furthestEvent,
      lines: c.lines,
      prev_outcome: p?.outcome ?? '',
      prev_chain_start: chDateTime(p?.chainStartMs ?? 0),
      prev_dvp_id: p?.dvpId ?? '',
      prev_dva_id: p?.dvaId ?? '',
      prev_zorgaanbieder: p?.zorgaanbieder ?? '',
      prev_gegevensdienst: p?.gegevensdienst ?? '',
      prev_error_area: p?.errorArea ?? '',
      prev_server_side: SIDE_CODE[p?.failedSide ?? ''],
      prev_dvp_logged: p?.dvpLogged ? 1 : 0,
      prev_dva_logged: p?.dvaLogged ? 1 : 0,
    }));
    await this.ch.insert('chain_outcomes', rows);
  }
}

function toMap(rows: readonly LatestRow[]): Map<string, DecidedChain> {
  return new Map(
    rows.map((r) => [
      r.trace,
      {
        traceId: r.trace,
        outcome: r.outcome,
        chainStartMs: Number(r.chain_start_ms),
        dvpId: r.dvp_id,
        dvaId: r.dva_id,
        zorgaanbieder: r.zorgaanbieder,
        gegevensdienst: r.gegevensdienst,
        errorArea: r.error_area,
        failedSide: SIDE_OF_CODE[Number(r.server_side)] ?? '',
        dvpLogged: Number(r.dvp_logged) === 1,
        dvaLogged: Number(r.dva_logged) === 1,
        decidedAtMs: Number(r.decided_ms),
      },
    ]),
  );
}

/** True when a new classification moves the chain to another rollup row. */
export function decisionChanged(c: ChainClassification, p: DecidedChain | undefined): boolean {
  if (!p) return true;
  return (
    p.outcome !== c.outcome ||
    Math.floor(p.chainStartMs / 60_000) !== Math.floor(c.chainStartMs / 60_000) ||
    p.dvpId !== c.dvpId ||
    p.dvaId !== c.dvaId ||
    p.zorgaanbieder !== c.zorgaanbieder ||
    p.gegevensdienst !== c.gegevensdienst ||
    p.errorArea !== c.errorArea ||
    p.failedSide !== c.failedSide ||
    p.dvpLogged !== c.dvpLogged ||
    p.dvaLogged !== c.dvaLogged
  );
}
