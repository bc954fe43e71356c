import { RejectedLine } from './submit-client';

/** Totals of a `ketenlog submit` run. */
export interface SubmitSummary {
  readonly files: number;
  readonly lines: number;
  readonly accepted: number;
  readonly rejected: RejectedLine[];
  readonly aanleveringIds: string[];
  readonly retries: number;
}

/** The human-readable summary: counts, rejections per rule, and the first examples with their place. */
export function formatSummary(s: SubmitSummary, examples = 20): string {
  const out = [
    `files: ${s.files}  lines: ${s.lines}  accepted: ${s.accepted}  rejected: ${s.rejected.length}  ` +
      `aanleveringen: ${s.aanleveringIds.length}  retries: ${s.retries}`,
  ];
  if (s.rejected.length > 0) {
    const perRule = new Map<string, number>();
    for (const r of s.rejected) perRule.set(r.rule, (perRule.get(r.rule) ?? 0) + 1);
    out.push('rejected per rule:');
    for (const [rule, n] of [...perRule].sort((a, b) => b[1] - a[1])) out.push(`  ${rule}: ${n}`);
    out.push(`first ${Math.min(examples, s.rejected.length)} rejected lines:`);
    for (const r of s.rejected.slice(0, examples))
      out.push(`  ${r.file}:${r.position}  ${r.rule}  ${r.message}`);
  }
  return out.join('\n');
}

/** A one-line progress bar for a terminal. */
export function progressBar(done: number, total: number, width = 30): string {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${done}/${total} lines`;
}
