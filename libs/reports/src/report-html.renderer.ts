import {
  BeheerrapportRow,
  CompletenessFigures,
  DeliveryFigures,
  IncidentFigures,
  MonthlyReport,
  ReportSection,
  SloMonthFigure,
} from './monthly-report';

const esc = (v: unknown): string =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** 0.99912 -> "99.912%"; null -> "–". Three decimals: SLA targets are 99.9%. */
export const pct = (r: number | null): string => (r === null ? '–' : `${(r * 100).toFixed(3)}%`);

/** Seconds -> "1 h 05 min" / "12 min 30 s"; null -> "–". */
export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(s % 60).padStart(2, '0')} s`;
}

const num = (n: number | null): string => (n === null ? '–' : String(Number(n.toFixed(3))));

function table(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>, cls = ''): string {
  if (rows.length === 0) return '<p class="none">None this month.</p>';
  return `<table class="${cls}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
}

function slos(list: readonly SloMonthFigure[]): string {
  return table(
    ['SLO', 'Target', 'Achieved', 'Good / total', 'Budget spent / allowed', 'Budget left', 'Met'],
    list.map((s) => [
      `${esc(s.displayName)} <span class="muted">(${esc(s.slo)})</span>`,
      pct(s.target),
      pct(s.ratio),
      `${s.good} / ${s.total}`,
      `${s.budgetSpent} / ${num(s.budgetAllowed)}`,
      pct(s.budgetRemaining),
      s.met === null ? '–' : s.met ? 'yes' : '<b class="bad">no</b>',
    ]),
  );
}

function chains(s: ReportSection): string {
  const c = s.chains;
  return table(
    [
      'Decided chains',
      'Happy',
      'Alternative',
      'Abandoned',
      'Error',
      'of which DVA / DVP side',
      'One-sided',
      'Hops',
      'Hop p50 / p95 / p99',
    ],
    [
      [
        String(c.decided),
        String(c.happy),
        String(c.alternative),
        String(c.abandoned),
        String(c.errors),
        `${c.dvaFailed} / ${c.dvpFailed}`,
        String(c.oneSided),
        String(s.hops.hops),
        `${num(s.hops.p50)} / ${num(s.hops.p95)} / ${num(s.hops.p99)} ms`,
      ],
    ],
  );
}

function completeness(c: CompletenessFigures): string {
  return table(
    [
      'Decided',
      'One-sided (eenzijdig)',
      'One-sided share',
      'Logged by this side',
      'Also by the counterpart',
      'Completeness',
    ],
    [
      [
        String(c.decided),
        String(c.oneSided),
        pct(c.oneSidedShare),
        String(c.logged),
        String(c.bothLogged),
        pct(c.completeness),
      ],
    ],
  );
}

function delivery(d: DeliveryFigures): string {
  return table(
    [
      'Aanleveringen',
      'Technisch OK / niet OK',
      'Lines',
      'Hours in month',
      'Hours with delivery',
      'Hours without delivery',
      'Hours covered',
      'Last delivery',
    ],
    [
      [
        String(d.aanleveringen),
        `${d.technischOk} / ${d.technischNietOk}`,
        String(d.lines),
        String(d.hoursInMonth),
        String(d.hoursWithDelivery),
        d.hoursWithoutDelivery > 0 ? `<b class="bad">${d.hoursWithoutDelivery}</b>` : '0',
        pct(d.compliance),
        esc(d.lastDeliveryAt ?? '–'),
      ],
    ],
  );
}

function incidents(i: IncidentFigures): string {
  const summary = `<p>${i.total} incident(s); MTTA ${duration(i.mttaSeconds)}, MTTR ${duration(i.mttrSeconds)}.</p>`;
  const byPriority = table(
    ['Priority', 'Incidents', 'MTTA', 'MTTR', 'Reaction target missed', 'Resolution target missed'],
    i.byPriority.map((p) => [
      esc(p.priority),
      String(p.total),
      duration(p.mttaSeconds),
      duration(p.mttrSeconds),
      String(p.reactionBreached),
      String(p.resolutionBreached),
    ]),
  );
  const list = table(
    ['#', 'Title', 'Priority', 'Status', 'Opened (UTC)', 'MTTA', 'MTTR'],
    i.list.map((x) => [
      String(x.number),
      esc(x.title),
      esc(x.priority),
      esc(x.status),
      esc(x.createdAt.slice(0, 16).replace('T', ' ')),
      duration(x.mttaSeconds),
      duration(x.mttrSeconds),
    ]),
    'small',
  );
  return i.total === 0 ? '<p class="none">No incidents this month.</p>' : summary + byPriority + list;
}

function beheerrapport(rows: readonly BeheerrapportRow[]): string {
  return table(
    ['Gegevensdienst', 'Flow', 'Successful', 'Failed', 'Not completed'],
    rows.map((r) => [
      esc(r.gegevensdienst || '–'),
      esc(r.flow),
      String(r.successful),
      String(r.failed),
      String(r.notCompleted),
    ]),
  );
}

function section(title: string, s: ReportSection, extra: string): string {
  return `<section>
<h2>${title}</h2>
<h3>Availability and error budget per SLO</h3>${slos(s.slos)}
<h3>Chains</h3>${chains(s)}
${extra}
<h3>Completeness</h3>${completeness(s.completeness)}
<h3>Incidents</h3>${incidents(s.incidents)}
<h3>Beheerrapport: Verzamelen and Delen per gegevensdienst</h3>${beheerrapport(s.beheerrapport)}
</section>`;
}

const STYLE = `
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #111; }
h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid #555; }
h3 { font-size: 10.5pt; margin: 4mm 0 1mm; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2mm; page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eef1f5; } table.small { font-size: 8.5pt; }
section { page-break-before: always; } section:first-of-type { page-break-before: auto; }
.muted { color: #666; } .bad { color: #b00020; } .none { color: #666; font-style: italic; }`;

/** A printable, self-contained HTML page (no scripts, no external resources). */
export function renderReportHtml(report: MonthlyReport): string {
  const parts: string[] = [];
  if (report.network) {
    const n = report.network;
    const extra = `<h3>Hourly delivery</h3><p>${n.aanleveringen} aanleveringen; ${n.participantsMissingHours} of ${report.participants.length} participants missed at least one hour; ${n.hoursWithoutDelivery} participant-hours without delivery.</p>`;
    parts.push(section('Whole network', n, extra));
  }
  for (const p of report.participants) {
    parts.push(
      section(
        `${esc(p.displayName)} <span class="muted">(${esc(p.role)} ${esc(p.id)})</span>`,
        p,
        `<h3>Hourly delivery</h3>${delivery(p.delivery)}`,
      ),
    );
  }
  const scope = report.scope === 'network' ? 'whole network' : `participant ${report.scope}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Monthly SLA and delivery report ${esc(report.month)}</title>
<style>${STYLE}</style></head>
<body>
<h1>Monthly SLA and delivery report ${esc(report.month)}</h1>
<p>Scope: ${esc(scope)}. Month in ${esc(report.timeZone)}: ${esc(report.from)} to ${esc(report.to)} (UTC), ${report.hours} hours. Generated ${esc(report.generatedAt)}.</p>
${parts.join('\n')}
</body></html>
`;
}
