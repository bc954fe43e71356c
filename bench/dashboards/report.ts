import { PanelResult } from './panels';
import { fmtMs } from './timing';

export interface Verdict {
  readonly dashboard: string;
  readonly panel: string;
  readonly refId: string;
  /** The slowest p95 over every range and variable case. */
  readonly worstP95: number;
  readonly worstAt: string;
  readonly met: boolean;
  readonly error?: string;
  /** Expanded SQL of the slowest case (for whoever tunes the panel). */
  readonly sql: string;
}

export interface NotTimed {
  readonly dashboard: string;
  readonly panel: string;
  readonly refId: string;
  readonly datasource: string;
}

const REASON: Record<string, string> = {
  postgres:
    'PostgreSQL workflow tables (incidents, compliance cases: hundreds to thousands of rows nationally, ' +
    'not ketenlog volume); outside this lines scenario',
  prometheus: 'Prometheus: no Prometheus server on this machine; PromQL is not timed here',
};

export function verdicts(results: readonly PanelResult[], targetMs: number): Verdict[] {
  const byPanel = new Map<string, PanelResult[]>();
  for (const r of results) {
    const k = `${r.dashboard}\u0000${r.panel}\u0000${r.refId}`;
    byPanel.set(k, [...(byPanel.get(k) ?? []), r]);
  }
  return [...byPanel.values()].map((rs) => {
    const failed = rs.find((r) => r.panelTiming.error);
    const worst = rs.reduce((a, b) => (b.panelTiming.p95 > a.panelTiming.p95 ? b : a));
    const at = failed ?? worst;
    return {
      dashboard: at.dashboard,
      panel: at.panel,
      refId: at.refId,
      worstP95: worst.panelTiming.p95,
      worstAt: `${at.range}${at.case ? ` ${at.case}` : ''}`,
      met: !failed && worst.panelTiming.p95 < targetMs,
      ...(failed ? { error: failed.panelTiming.error } : {}),
      sql: at.sql,
    };
  });
}

const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}~` : s.padEnd(n));
const num = (n: number, w = 7) => fmtMs(n).padStart(w);

export function printReport(
  results: readonly PanelResult[],
  notTimed: readonly NotTimed[],
  targetMs: number,
  loadAverage: number,
): void {
  console.log('');
  console.log(
    `${pad('dashboard / panel', 52)} ${pad('case', 16)} range    p50 ms  p95 ms    rows  raw p50  raw p95  raw/panel`,
  );
  for (const r of results) {
    const t = r.panelTiming;
    const raw = r.rawTiming;
    const ratio = raw && !raw.error && t.p50 > 0 ? `${(raw.p50 / t.p50).toFixed(0)}x` : '';
    console.log(
      `${pad(`${r.dashboard} / ${r.panel} ${r.refId}`, 52)} ${pad(r.case, 16)} ${r.range.padEnd(5)} ` +
        `${num(t.p50)} ${num(t.p95)} ${String(t.rows).padStart(7)} ${raw ? num(raw.p50, 8) : ''.padStart(8)} ` +
        `${raw ? num(raw.p95, 8) : ''.padStart(8)} ${ratio.padStart(9)}` +
        `${t.error ? `  ERROR ${t.error}` : ''}${raw?.error ? `  RAW ERROR ${raw.error}` : ''}`,
    );
  }
  const v = verdicts(results, targetMs);
  console.log('');
  console.log(`verdict per panel (worst p95 over ranges and cases, target < ${targetMs} ms):`);
  for (const x of v) {
    console.log(
      `  ${x.met ? 'MET   ' : 'MISSED'} ${num(x.worstP95)} ms  ${x.dashboard} / ${x.panel} ${x.refId} (${x.worstAt})` +
        `${x.error ? `  ${x.error}` : ''}`,
    );
  }
  const missed = v.filter((x) => !x.met);
  console.log(
    `${v.length - missed.length} of ${v.length} panel and variable queries MET the target; load average during timing ${loadAverage.toFixed(1)}`,
  );
  for (const x of missed) {
    console.log(`\nMISSED ${x.dashboard} / ${x.panel} ${x.refId} (${x.worstAt}):\n${x.sql}`);
  }
  if (notTimed.length > 0) {
    console.log('\nnot timed:');
    for (const n of notTimed) {
      console.log(`  ${n.dashboard} / ${n.panel} ${n.refId}: ${REASON[n.datasource] ?? n.datasource}`);
    }
  }
}
