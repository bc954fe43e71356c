import { loadConfigFromEnv, loadSimulatorConfigFromEnv } from '@app/config';
import { JsonLogger } from '@app/observability';
import { runSimulator } from '@app/simulator';

/**
 * The traffic simulator as its own process: plays the registry's DVPs and DVAs against Kafka
 * until SIGTERM/SIGINT (or SIM_DURATION_SECONDS), then sends what has happened and exits.
 * The all-in-one process calls {@link runSimulator} directly instead.
 */
async function main(): Promise<void> {
  const config = loadConfigFromEnv('ketenmonitor-simulator');
  const simulator = loadSimulatorConfigFromEnv();
  JsonLogger.setLevel(config.logLevel);
  const stop = new AbortController();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => stop.abort());
  await runSimulator(
    { kafka: config.kafka, simulator, participantsFile: config.participantsFile },
    stop.signal,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    new JsonLogger('simulator').error('simulator failed', err);
    process.exit(1);
  },
);
