import './tracing.bootstrap';
import { NestFactory } from '@nestjs/core';
import { loadConfigFromEnv, loadSimulatorConfigFromEnv } from '@app/config';
import { JsonLogger, collectProcessMetrics } from '@app/observability';
import { runSimulator } from '@app/simulator';
import { attachCollector } from '../../collector/src/collector.bootstrap';
import { configureIncidentApi } from '../../incident-api/src/configure-incident-api';
import { configureIntake } from '../../intake/src/configure-intake';
import { StandaloneModule } from './standalone.module';

/**
 * The embedded default: collector (and the other apps' modules) in one process on embedded
 * ClickHouse, against a local Kafka broker, with simulated participant traffic unless
 * SIMULATOR=off.
 */
async function main(): Promise<void> {
  const config = loadConfigFromEnv('ketenmonitor');
  const log = new JsonLogger('standalone');
  JsonLogger.setLevel(config.logLevel);
  collectProcessMetrics();
  const app = await NestFactory.create(StandaloneModule.forRoot(config), { logger: new JsonLogger('nest') });
  app.enableShutdownHooks();
  configureIntake(app);
  configureIncidentApi(app);
  await attachCollector(app, config);
  await app.startAllMicroservices();
  await app.listen(config.http.port, config.http.host);
  const base = `http://${config.http.host}:${config.http.port}`;
  log.info('ketenmonitor is running', {
    metrics: `${base}/metrics`,
    health: `${base}/health`,
    api: `${base}/api/docs`,
  });

  const simulator = loadSimulatorConfigFromEnv();
  if (simulator.enabled) {
    const stop = new AbortController();
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => stop.abort());
    runSimulator(
      { kafka: config.kafka, simulator, participantsFile: config.participantsFile, createTopics: false },
      stop.signal,
    ).catch((err: unknown) =>
      log.error('simulator stopped with an error', err instanceof Error ? err : { err }),
    );
  }
}

main().catch((err) => {
  new JsonLogger('standalone').error('ketenmonitor failed to start', err);
  process.exit(1);
});
