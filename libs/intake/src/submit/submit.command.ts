import { SubmitOptions, submitBatch } from './submit-client';
import { batches, readLines, sourceFiles } from './line-source';
import { SubmitSummary } from './submit-summary';

export interface SubmitRun extends Omit<SubmitOptions, 'sleep'> {
  readonly path: string;
  /** Batch size on the wire (default 8 MB; the intake takes up to 60 MB). */
  readonly maxBatchBytes: number;
  readonly maxBatchLines: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** `ketenlog submit <file|dir>`: reads every file, delivers it in batches, and sums up. */
export async function runSubmit(run: SubmitRun): Promise<SubmitSummary> {
  const files = sourceFiles(run.path);
  const summary = {
    files: files.length,
    lines: 0,
    accepted: 0,
    rejected: [],
    aanleveringIds: [],
    retries: 0,
  } as {
    -readonly [K in keyof SubmitSummary]: SubmitSummary[K];
  };
  const read = files.map((f) => readLines(f));
  const total = read.reduce((n, r) => n + r.lines.length + r.unreadable.length, 0);
  let done = 0;
  for (const { lines, unreadable } of read) {
    summary.lines += lines.length + unreadable.length;
    for (const u of unreadable) summary.rejected.push({ ...u, rule: 'line.not-json', message: u.reason });
    done += unreadable.length;
    for (const batch of batches(lines, run.maxBatchBytes, run.maxBatchLines)) {
      const outcome = await submitBatch(batch, run);
      summary.accepted += outcome.accepted;
      summary.rejected.push(...outcome.rejected);
      summary.aanleveringIds.push(...outcome.aanleveringIds);
      summary.retries += outcome.retries;
      done += batch.length;
      run.onProgress?.(done, total);
    }
  }
  return summary;
}
