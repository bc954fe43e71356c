import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { ClickHouseService } from '@app/clickhouse';
import { JsonLogger } from '@app/observability';
import { NATIONAL, QUICK, generateScenario, tableSizes } from './generate';
import { validateSample } from './validate';

/**
 * bench/dashboards: generates (or reuses) the national scenario, checks a sample of the generated
 * chain decisions against the real finalizer logic, then times every dashboard panel query.
 * Run: `bash bench/dashboards/run.sh [--quick] [--data-dir DIR]`.
 */
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const scenario = quick ? QUICK : NATIONAL;
const dataDir = option('--data-dir');
const database = option('--database') ?? 'ketenmonitor';

async function main(): Promise<void> {
  JsonLogger.setLevel('error');
  const chdbPath = dataDir ?? process.env.CHDB_PATH ?? `/tmp/ketenmonitor-bench-dashboards-${process.pid}`;
  const ch = new ClickHouseService({ url: process.env.CLICKHOUSE_URL, chdbPath }, database);
  console.log(
    `bench/dashboards: ${JSON.stringify(scenario)} in ${database} (${process.env.CLICKHOUSE_URL ?? chdbPath})`,
  );
  const gen = await generateScenario(ch, scenario, (l) => console.log(l));
  console.log(
    `${gen.reused ? 'reused' : 'generated'}: ${(gen.lines / 1e6).toFixed(2)}M lines, ${(gen.chains / 1e6).toFixed(2)}M chains ` +
      `in ${gen.seconds.toFixed(0)} s (${Math.round(gen.lines / gen.seconds / 1000)}k lines/s, load average ${gen.loadAverage.toFixed(1)} ` +
      `on ${cpus().length} cores), ending ${new Date(gen.endMs).toISOString()}`,
  );
  const sizes = await tableSizes(ch);
  for (const t of sizes) {
    console.log(
      `  ${t.table.padEnd(24)} ${String(t.rows).padStart(11)} rows ${(t.bytes / 2 ** 20).toFixed(0).padStart(7)} MiB ${String(t.parts).padStart(4)} parts`,
    );
  }
  if (!process.env.CLICKHOUSE_URL) {
    console.log(
      `  data directory on disk: ${execFileSync('du', ['-sh', chdbPath]).toString().split('\t')[0]}`,
    );
  }
  const check = await validateSample(ch, scenario, gen.endMs);
  console.log(
    `finalizer check: ${check.chains} sampled chains, ${check.mismatches.length} field mismatches; ` +
      `${check.hops} hops, ${check.hopMismatches} missing or different`,
  );
  for (const m of check.mismatches.slice(0, 10)) console.log(`  ${m}`);
  if (args.includes('--generate-only')) {
    await ch.close();
    return;
  }
  console.log(`load average now ${loadavg()[0].toFixed(1)}`);
  await ch.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
