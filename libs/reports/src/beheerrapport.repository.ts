import { chDateTime } from '@app/chains';
import { ClickHouseService } from '@app/clickhouse';
import { FlowRules } from './chain-flow';
import { ReportMonth } from './report-month';
import { ReportFlow } from './monthly-report';

// A chain's decision may be recorded more than once (late lines); the latest row counts, and it
// belongs to the month it started in. Lines are scanned a day either side of the month, since a
// chain that starts at 23:59 logs on into the next day. Only chains whose lines show Abonneren
// or Delen come out of the second scan (most are Verzamelen), which keeps the join small; that
// scan reads only the authorization and resource request lines (event_type, a LowCardinality
// column, is filtered before the URIs are read).
// A chain asking several gegevensdiensten (Verzamelen) counts once for each of them.
const BEHEERRAPPORT = `
  WITH outcomes AS (
    SELECT trace_id,
           argMax(dvp_id, decided_at) AS dvp,
           argMax(dva_id, decided_at) AS dva,
           argMax(gegevensdiensten, decided_at) AS gds,
           argMax(outcome, decided_at) AS result,
           argMax(chain_start, decided_at) AS start
    FROM {{db}}.chain_outcomes
    WHERE chain_start >= {scanFrom:DateTime64(3, 'UTC')} AND chain_start < {scanTo:DateTime64(3, 'UTC')}
    GROUP BY trace_id
    HAVING start >= {from:DateTime64(3, 'UTC')} AND start < {to:DateTime64(3, 'UTC')}
  ),
  flows AS (
    SELECT trace_id,
           max(match(request_uri, {subscribe:String})) AS subscribe,
           max(event_type IN {resourceEvents:Array(String)}
               AND lower(toString(request_method)) IN {writeMethods:Array(String)}) AS writes
    FROM {{db}}.ketenlog_events
    WHERE event_time >= {scanFrom:DateTime64(3, 'UTC')} AND event_time < {scanTo:DateTime64(3, 'UTC')}
      AND event_type IN {flowEvents:Array(String)}
    GROUP BY trace_id
    HAVING subscribe OR writes
  )
  SELECT toString(dvp) AS dvp, toString(dva) AS dva, gd,
         multiIf(f.subscribe = 1, 'abonneren', f.writes = 1, 'delen', 'verzamelen') AS flow,
         toString(result) AS outcome, count() AS chains
  FROM outcomes AS o
  LEFT JOIN flows AS f ON f.trace_id = o.trace_id
  ARRAY JOIN if(empty(gds), [''], arrayMap(x -> toString(x), gds)) AS gd
  GROUP BY dvp, dva, gd, flow, outcome
  ORDER BY dvp, dva, gd, flow, outcome`;

/** Decided chains of the month per DVP, DVA, gegevensdienst, flow and outcome. */
export interface FlowOutcomeRow {
  readonly dvp: string;
  readonly dva: string;
  readonly gegevensdienst: string;
  readonly flow: ReportFlow;
  readonly outcome: string;
  readonly chains: number;
}

/** chain_outcomes (the decision) joined with ketenlog_events (the flow) for the Beheerrapport. */
export class BeheerrapportRepository {
  private readonly sql: string;

  constructor(
    private readonly ch: ClickHouseService,
    private readonly rules: FlowRules,
  ) {
    this.sql = ch.sql(BEHEERRAPPORT);
  }

  async ofMonth(month: ReportMonth): Promise<FlowOutcomeRow[]> {
    const rows = await this.ch.query<Record<string, string>>(this.sql, {
      from: chDateTime(month.fromMs),
      to: chDateTime(month.toMs),
      scanFrom: chDateTime(month.fromMs - 86_400_000),
      scanTo: chDateTime(month.toMs + 86_400_000),
      subscribe: this.rules.subscribePattern,
      resourceEvents: this.rules.resourceRequestEvents,
      flowEvents: [...this.rules.authorizationRequestEvents, ...this.rules.resourceRequestEvents],
      writeMethods: this.rules.writeMethods,
    });
    return rows.map((r) => ({
      dvp: r.dvp,
      dva: r.dva,
      gegevensdienst: r.gd,
      flow: r.flow as ReportFlow,
      outcome: r.outcome,
      chains: Number(r.chains),
    }));
  }
}
