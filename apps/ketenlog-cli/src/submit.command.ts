import { KetenlogCliConfig } from '@app/config';
import { SubmitSummary, formatSummary, progressBar, runSubmit } from '@app/intake';
import { CliArgs } from './cli-args';

/** `ketenlog submit <file|dir> [--url U] [--key K] [--batch-mb N] [--attempts N] [--json]`. */
export async function submitCommand(args: CliArgs, config: KetenlogCliConfig): Promise<number> {
  const path = args.positional[0];
  const url = args.flags.url ?? config.url;
  const apiKey = args.flags.key ?? config.apiKey;
  if (!path || !url || !apiKey) {
    process.stderr.write(
      'usage: ketenlog submit <file|dir> --url https://intake.example --key kmk_... ' +
        '(or KETENLOG_URL / KETENLOG_API_KEY)\n',
    );
    return 2;
  }
  const showProgress = process.stderr.isTTY && !args.flags.json;
  const summary: SubmitSummary = await runSubmit({
    path,
    baseUrl: url,
    apiKey,
    maxBatchBytes: Math.min(60, Number(args.flags['batch-mb'] ?? 8)) * 1024 * 1024,
    maxBatchLines: Number(args.flags['batch-lines'] ?? 100_000),
    maxAttempts: Number(args.flags.attempts ?? 8),
    maxWaitMs: Number(args.flags['max-wait-ms'] ?? 60_000),
    onProgress: showProgress
      ? (done, total) => process.stderr.write(`\r${progressBar(done, total)}`)
      : undefined,
  });
  if (showProgress) process.stderr.write('\n');
  process.stdout.write(args.flags.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`);
  return summary.rejected.length > 0 ? 1 : 0;
}
