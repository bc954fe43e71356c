import { MonthlyReport, NetworkSection, ParticipantSection } from './monthly-report';

export const CSV_HEADER = ['month', 'participant', 'role', 'section', 'item', 'measure', 'value'] as const;

type Cell = string | number | boolean | null;

/** Measures are snake_case throughout (`hoursWithoutDelivery` -> `hours_without_delivery`). */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes. */
function field(v: Cell): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The report as one long CSV table (one figure per row), so a spreadsheet can pivot it any
 * way: month, participant (`network` for the whole network), role, section, item (an SLO, a
 * gegevensdienst/flow, a priority, an incident number), measure, value. Ratios are 0..1.
 */
export function renderReportCsv(report: MonthlyReport): string {
  const rows: Cell[][] = [[...CSV_HEADER]];
  const sections: Array<[string, string, NetworkSection | ParticipantSection]> = [];
  if (report.network) sections.push(['network', '', report.network]);
  for (const p of report.participants) sections.push([p.id, p.role, p]);
  for (const [who, role, s] of sections) {
    const add = (section: string, item: string, measure: string, value: Cell) =>
      rows.push([report.month, who, role, section, item, snake(measure), value]);
    for (const [k, v] of Object.entries(s.chains)) add('chains', '', k, v as number);
    add('hops', '', 'hops', s.hops.hops);
    add('hops', '', 'p50_ms', s.hops.p50);
    add('hops', '', 'p95_ms', s.hops.p95);
    add('hops', '', 'p99_ms', s.hops.p99);
    for (const slo of s.slos) {
      add('slo', slo.slo, 'sli', slo.sli);
      add('slo', slo.slo, 'target', slo.target);
      add('slo', slo.slo, 'good', slo.good);
      add('slo', slo.slo, 'total', slo.total);
      add('slo', slo.slo, 'ratio', slo.ratio);
      add('slo', slo.slo, 'met', slo.met);
      add('slo', slo.slo, 'budget_allowed', slo.budgetAllowed);
      add('slo', slo.slo, 'budget_spent', slo.budgetSpent);
      add('slo', slo.slo, 'budget_remaining', slo.budgetRemaining);
    }
    for (const [k, v] of Object.entries(s.completeness)) add('completeness', '', k, v as Cell);
    if ('delivery' in s) {
      for (const [k, v] of Object.entries(s.delivery)) add('delivery', '', k, v as Cell);
    } else {
      add('delivery', '', 'aanleveringen', s.aanleveringen);
      add('delivery', '', 'hours_without_delivery', s.hoursWithoutDelivery);
      add('delivery', '', 'participants_missing_hours', s.participantsMissingHours);
    }
    add('incidents', '', 'total', s.incidents.total);
    add('incidents', '', 'mtta_seconds', s.incidents.mttaSeconds);
    add('incidents', '', 'mttr_seconds', s.incidents.mttrSeconds);
    for (const p of s.incidents.byPriority) {
      add('incidents', p.priority, 'total', p.total);
      add('incidents', p.priority, 'mtta_seconds', p.mttaSeconds);
      add('incidents', p.priority, 'mttr_seconds', p.mttrSeconds);
      add('incidents', p.priority, 'reaction_breached', p.reactionBreached);
      add('incidents', p.priority, 'resolution_breached', p.resolutionBreached);
    }
    for (const i of s.incidents.list) {
      const item = `#${i.number}`;
      add('incident', item, 'title', i.title);
      add('incident', item, 'priority', i.priority);
      add('incident', item, 'status', i.status);
      add('incident', item, 'created_at', i.createdAt);
      add('incident', item, 'mtta_seconds', i.mttaSeconds);
      add('incident', item, 'mttr_seconds', i.mttrSeconds);
    }
    for (const b of s.beheerrapport) {
      const item = `${b.gegevensdienst || '-'}/${b.flow}`;
      add('beheerrapport', item, 'successful', b.successful);
      add('beheerrapport', item, 'failed', b.failed);
      add('beheerrapport', item, 'not_completed', b.notCompleted);
    }
  }
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
