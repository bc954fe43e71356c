import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { writeFile } from 'node:fs/promises';
import { AppConfig, ConfigModule } from '@app/config';
import { PostgresModule } from '@app/postgres';
import {
  REPORT_FORMATS,
  ReportError,
  ReportErrorCode,
  ReportsModule,
  ReportsProvider,
  parseReportFormat,
  previousMonth,
} from '@app/reports';

export const REPORT_USAGE = `  report [--month YYYY-MM] [--participant <id>] [--format json|csv|html|pdf] [--out <file>]
                       the monthly SLA and delivery report (default: last month, whole network,
                       json to stdout); progress per participant on stderr`;

interface ReportArgs {
  month?: string;
  participant?: string;
  format?: string;
  out?: string;
}

export interface CommandIo {
  readonly stdout: (data: string | Buffer) => void;
  readonly stderr: (line: string) => void;
}

const processIo: CommandIo = {
  stdout: (data) => process.stdout.write(data),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

function parseArgs(args: readonly string[]): ReportArgs {
  const out: ReportArgs = {};
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split('=', 2) as [string, string | undefined];
    const key = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !['month', 'participant', 'format', 'out'].includes(key)) {
      throw new ReportError(ReportErrorCode.InvalidArgument, `unknown argument "${args[i]}"`);
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new ReportError(ReportErrorCode.InvalidArgument, `${flag} needs a value`);
    out[key as keyof ReportArgs] = value;
  }
  return out;
}

/**
 * `report`: reads like the incident API does (same ReportsModule, same PostgreSQL and ClickHouse
 * settings) but runs none of its workers: auto-resolve and the webhook dispatcher stay idle.
 */
export async function reportCommand(
  args: readonly string[],
  config: AppConfig,
  io = processIo,
): Promise<number> {
  let parsed: ReportArgs;
  try {
    parsed = parseArgs(args);
    parseReportFormat(parsed.format ?? formatOf(parsed.out));
  } catch (err) {
    io.stderr(`report: ${(err as Error).message}\n\n${REPORT_USAGE}`);
    return 2;
  }
  const format = parseReportFormat(parsed.format ?? formatOf(parsed.out));
  const month = parsed.month ?? previousMonth(Date.now());
  const readOnly: AppConfig = {
    ...config,
    incidents: { ...config.incidents, autoResolveQuietSeconds: 0 },
    webhooks: { ...config.webhooks, pollIntervalMs: 2 ** 31 - 1 },
  };
  @Module({ imports: [ConfigModule.forRoot(readOnly), PostgresModule.forRoot(), ReportsModule] })
  class ReportCliModule {}
  const app = await NestFactory.createApplicationContext(ReportCliModule, { logger: ['error'] });
  try {
    const { service, renderer } = app.get(ReportsProvider).get();
    const report = await service.monthly(month, parsed.participant, (done, total, id) =>
      io.stderr(`report ${month}: participant ${done}/${total} ${id}`),
    );
    const body = await renderer.render(report, format);
    if (parsed.out) {
      await writeFile(parsed.out, body);
      io.stderr(`report ${month}: ${format} written to ${parsed.out} (${body.length} bytes)`);
    } else {
      io.stdout(body);
    }
    return 0;
  } catch (err) {
    if (err instanceof ReportError && err.isBadInput) {
      io.stderr(`report: ${err.message}`);
      return 2;
    }
    throw err;
  } finally {
    await app.close();
  }
}

/** `--out report.pdf` implies `--format pdf`. */
function formatOf(out: string | undefined): string | undefined {
  const ext = out?.split('.').pop()?.toLowerCase();
  return ext && (REPORT_FORMATS as readonly string[]).includes(ext) ? ext : undefined;
}
