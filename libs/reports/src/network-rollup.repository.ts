import { ClickHouseService } from '@app/clickhouse';
import { ChainCounters, HopCounters } from '@app/slo';
import { chSecondsOf } from './ch-params';
import { ReportMonth } from './report-month';

// The whole network: every decided chain once (not once per entity it counts for), the same
// counters as libs/slo's chain rollup reads. Chains are bucketed by the hour they started.
const NETWORK_CHAINS = `
  SELECT sum(chains) AS n_decided,
         sumIf(chains, outcome = 'error' AND server_side = 1) AS n_dva_failed,
         sumIf(chains, outcome = 'error' AND server_side = 2) AS n_dvp_failed,
         sumIf(chains, outcome = 'error') AS n_errors,
         sumIf(chains, outcome = 'happy') AS n_happy,
         sumIf(chains, outcome = 'alternative') AS n_alternative,
         sumIf(chains, outcome = 'abandoned') AS n_abandoned,
         sumIf(chains, outcome = 'one_sided') AS n_one_sided,
         sumIf(chains, dvp_logged = 1) AS n_dvp_logged,
         sumIf(chains, dva_logged = 1) AS n_dva_logged,
         sumIf(chains, dvp_logged = 1 AND dva_logged = 1) AS n_both_logged
  FROM {{db}}.chain_rollup_1h
  WHERE hour >= {from:DateTime('UTC')} AND hour < {to:DateTime('UTC')}`;

const THRESHOLDS = [250, 500, 1000, 2000, 5000, 10000] as const;
const NETWORK_HOPS = `
  SELECT sum(hops) AS n_hops, ${THRESHOLDS.map((t) => `sum(le_${t}) AS n_le_${t}`).join(', ')},
         quantilesTDigestMerge(0.5, 0.95, 0.99)(latency) AS q
  FROM {{db}}.hop_rollup_1h
  WHERE hour >= {from:DateTime('UTC')} AND hour < {to:DateTime('UTC')}`;

/** Month totals over the hourly chain and hop rollups for the whole network. */
export class NetworkRollupRepository {
  private readonly chainsSql: string;
  private readonly hopsSql: string;

  constructor(private readonly ch: ClickHouseService) {
    this.chainsSql = ch.sql(NETWORK_CHAINS);
    this.hopsSql = ch.sql(NETWORK_HOPS);
  }

  async chains(month: ReportMonth): Promise<ChainCounters> {
    const [r] = await this.ch.query<Record<string, string>>(this.chainsSql, chSecondsOf(month));
    const n = (k: string) => Number(r?.[`n_${k}`] ?? 0);
    return {
      decided: n('decided'),
      dvaFailed: n('dva_failed'),
      dvpFailed: n('dvp_failed'),
      errors: n('errors'),
      happy: n('happy'),
      alternative: n('alternative'),
      abandoned: n('abandoned'),
      oneSided: n('one_sided'),
      dvpLogged: n('dvp_logged'),
      dvaLogged: n('dva_logged'),
      bothLogged: n('both_logged'),
    };
  }

  async hops(month: ReportMonth): Promise<HopCounters> {
    const [r] = await this.ch.query<Record<string, string> & { q: number[] }>(
      this.hopsSql,
      chSecondsOf(month),
    );
    const hops = Number(r?.n_hops ?? 0);
    const le: Record<number, number> = {};
    for (const t of THRESHOLDS) le[t] = Number(r?.[`n_le_${t}`] ?? 0);
    const q = hops > 0 ? (r?.q ?? []) : [];
    const at = (i: number) => (Number.isFinite(Number(q[i])) ? Number(q[i]) : null);
    return { hops, le: hops > 0 ? le : {}, p50: at(0), p95: at(1), p99: at(2) };
  }
}
