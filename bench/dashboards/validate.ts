import { ChainClassifier, ChainPartsRepository, FinalizeResult, createChains, pairHops } from '@app/chains';
import { ClickHouseService } from '@app/clickhouse';
import { loadCatalogRegistry } from '@app/ketenlog';
import { ParticipantDirectory } from '@app/participants';
import { Scenario } from './generate';
import { ABANDON_GRACE_MS, ONE_SIDED_GRACE_MS } from './template-facts';

export interface Validation {
  readonly chains: number;
  readonly mismatches: readonly string[];
  readonly hops: number;
  readonly hopMismatches: number;
}

/** The zorgaanbieders of the scenario and their DVA (the finalizer's fallback for the DVA). */
function scenarioDirectory(s: Scenario): ParticipantDirectory {
  return new ParticipantDirectory(
    [],
    Array.from({ length: s.zorgaanbieders }, (_, i) => ({
      naam: `za-${i}`,
      displayName: `Zorgaanbieder ${i}`,
      dvaId: `dva-${i % s.dvas}`,
      gegevensdiensten: [],
    })),
  );
}

/**
 * One cycle of the real chain finalizer over the chains that received lines in the scenario's
 * last `hours`, run a minute before its end (the generated decisions add up to a minute of cycle
 * delay). It re-reads chain_parts, classifies and pairs hops, and records what differs from the
 * generated chain_outcomes and hops: `changed` and `hops` are 0 when the generator wrote exactly
 * what the finalizer would have.
 */
export async function finalizerCycle(
  ch: ClickHouseService,
  s: Scenario,
  endMs: number,
  hours: number,
): Promise<FinalizeResult & { seconds: number }> {
  const chains = createChains(ch, loadCatalogRegistry(), scenarioDirectory(s), {
    abandonGraceSeconds: ABANDON_GRACE_MS / 1000,
    oneSidedGraceSeconds: ONE_SIDED_GRACE_MS / 1000,
    lookbackSeconds: hours * 3600,
  });
  const started = performance.now();
  const result = await chains.finalizer.finalize(endMs - 60_000);
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

interface OutcomeRow {
  trace: string;
  outcome: string;
  error_area: string;
  server_side: number;
  dvp_id: string;
  dva_id: string;
  zorgaanbieder: string;
  gegevensdienst: string;
  dvp_logged: number;
  dva_logged: number;
  lines: number;
  start_ms: string;
}

/**
 * The generator writes chain_outcomes and hops with INSERT ... SELECT instead of running the
 * finalizer over millions of chains. This check runs the real finalizer logic (ChainClassifier
 * and pairHops over chain_parts, which the materialized view folded from the generated lines)
 * for a sample of chains of every outcome and compares its decision and hops with the rows.
 */
export async function validateSample(
  ch: ClickHouseService,
  s: Scenario,
  endMs: number,
  perOutcome = 40,
): Promise<Validation> {
  const rows = await ch.query<OutcomeRow>(
    ch.sql(`SELECT toString(trace_id) AS trace, outcome, error_area, server_side, dvp_id, dva_id, zorgaanbieder,
                   gegevensdienst, dvp_logged, dva_logged, lines, toUnixTimestamp64Milli(chain_start) AS start_ms
            FROM {{db}}.chain_outcomes
            WHERE chain_start >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')
            ORDER BY cityHash64(trace_id) LIMIT {n:UInt32} BY outcome, server_side`),
    { from: endMs - 2 * 86_400_000, n: perOutcome },
  );
  const catalogs = loadCatalogRegistry();
  const directory = scenarioDirectory(s);
  const classifier = new ChainClassifier(catalogs, {
    abandonGraceMs: ABANDON_GRACE_MS,
    oneSidedGraceMs: ONE_SIDED_GRACE_MS,
    dvaOfZorgaanbieder: (naam) => directory.zorgaanbieder(naam)?.dvaId,
  });
  const summaries = await new ChainPartsRepository(ch).byTraceIds(rows.map((r) => r.trace));
  const byTrace = new Map(summaries.map((c) => [c.traceId, c]));
  const stored = await ch.query<{ trace: string; hop: string; request_key: string; latency_ms: string }>(
    ch.sql(`SELECT toString(trace_id) AS trace, hop, request_key, latency_ms FROM {{db}}.hops
            WHERE trace_id IN {traces:Array(UUID)}`),
    { traces: rows.map((r) => r.trace) },
  );
  const storedHops = new Map(
    stored.map((h) => [`${h.trace}|${h.hop}|${h.request_key}`, Number(h.latency_ms)]),
  );
  const mismatches: string[] = [];
  let hops = 0;
  let hopMismatches = 0;
  for (const r of rows) {
    const chain = byTrace.get(r.trace);
    if (!chain) {
      mismatches.push(`${r.trace}: no chain_parts`);
      continue;
    }
    const c = classifier.classify(chain, endMs);
    const expected: Record<string, unknown> = {
      outcome: c.outcome,
      error_area: c.errorArea,
      server_side: c.failedSide === 'DVA' ? 1 : c.failedSide === 'DVP' ? 2 : 0,
      dvp_id: c.dvpId,
      dva_id: c.dvaId,
      zorgaanbieder: c.zorgaanbieder,
      gegevensdienst: c.gegevensdienst,
      dvp_logged: c.dvpLogged ? 1 : 0,
      dva_logged: c.dvaLogged ? 1 : 0,
      lines: c.lines,
      start_ms: c.chainStartMs,
    };
    for (const [k, v] of Object.entries(expected)) {
      const got = r[k as keyof OutcomeRow];
      if (String(got) !== String(v)) mismatches.push(`${r.trace} ${k}: generated ${got}, finalizer ${v}`);
    }
    for (const h of pairHops(chain.parties, catalogs.forTime(c.chainStartMs))) {
      hops++;
      if (storedHops.get(`${r.trace}|${h.hop}|${h.requestKey}`) !== h.latencyMs) hopMismatches++;
    }
  }
  return {
    chains: rows.length,
    mismatches,
    hops,
    hopMismatches: hopMismatches + Math.abs(stored.length - hops),
  };
}
