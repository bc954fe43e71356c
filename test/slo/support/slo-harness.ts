import { ClickHouseService } from '@app/clickhouse';
import { Chains, ManualClock, createChains } from '@app/chains';
import { loadCatalogRegistry } from '@app/ketenlog';
import { ParticipantDirectory } from '@app/participants';
import {
  DEFAULT_DEFINITIONS_DIR,
  RecordingAlertSink,
  SloServices,
  createSlo,
  readDefinitionFiles,
} from '@app/slo';

export interface Harness {
  readonly clock: ManualClock;
  readonly sink: RecordingAlertSink;
  readonly chains: Chains;
  readonly slo: SloServices;
}

/** Chains + SLO services on a test database with a manual clock and a recording alert sink. */
export async function sloHarness(
  ch: ClickHouseService,
  directory: ParticipantDirectory,
  startMs: number,
  shard = { index: 0, count: 1 },
): Promise<Harness> {
  const clock = new ManualClock(startMs);
  const sink = new RecordingAlertSink();
  const chains = createChains(ch, loadCatalogRegistry(), directory, {
    abandonGraceSeconds: 900,
    oneSidedGraceSeconds: 4500,
    lookbackSeconds: 6000,
  });
  const slo = createSlo(ch, { clock, directory, sink, shard, finalizer: chains.finalizer });
  await slo.definitions.seed(readDefinitionFiles([DEFAULT_DEFINITIONS_DIR]), startMs);
  return { clock, sink, chains, slo };
}

/** Now, rounded down to the minute, minus `minutes`: simulated time stays within every TTL. */
export function simulatedStart(minutes: number): number {
  return Math.floor(Date.now() / 60_000) * 60_000 - minutes * 60_000;
}
