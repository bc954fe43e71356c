import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigModule } from '@app/config';
import { JsonLogger } from '@app/observability';
import { KafkaBatchTransport, createKafka, ensureParticipantTopics } from '@app/kafka';
import { IngestionPipeline, ingestionMetrics } from '@app/ingestion';
import { PARTICIPANT_DIRECTORY, ParticipantDirectory } from '@app/participants';
import { CollectorAppModule } from './collector.module';

/**
 * Creates the topics of registered participants (the admin step; the broker does not
 * auto-create) and attaches the batch-consuming Kafka transport to the application.
 */
export async function attachCollector(
  app: INestApplication,
  config: AppConfig,
): Promise<KafkaBatchTransport> {
  const kafka = createKafka(config.kafka);
  const directory = app.get<ParticipantDirectory>(PARTICIPANT_DIRECTORY);
  await ensureParticipantTopics(
    kafka,
    directory.participants().map((p) => p.id),
    config.kafka.topicPartitions,
  );
  const metrics = ingestionMetrics();
  const transport = new KafkaBatchTransport(kafka, {
    groupId: config.kafka.groupId,
    topicPattern: config.kafka.topicPattern,
    topicRefreshMs: config.kafka.topicRefreshMs,
    sessionTimeoutMs: config.kafka.sessionTimeoutMs,
    onLag: (topic, partition, lag) => metrics.consumerLag.set({ topic, partition: String(partition) }, lag),
    onGroupJoin: (atMs) => metrics.lastGroupJoin.set(atMs / 1000),
    // On close: write the buffer now, so the consumer commits its offsets before it leaves.
    drain: () => app.get(IngestionPipeline).stop(),
  });
  app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
  return transport;
}

/**
 * The collector application, consuming but not yet listening on HTTP: main.ts adds `listen`,
 * tests and benchmarks use it as is.
 */
export async function createCollectorApp(config: AppConfig): Promise<INestApplication> {
  JsonLogger.setLevel(config.logLevel);
  @Module({ imports: [ConfigModule.forRoot(config), CollectorAppModule] })
  class CollectorRootModule {}
  const app = await NestFactory.create(CollectorRootModule, {
    logger: new JsonLogger('collector'),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  await attachCollector(app, config);
  await app.init();
  await app.startAllMicroservices();
  return app;
}
