import { INestApplication } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { KafkaBatchTransport, createKafka, ensureParticipantTopics } from '@app/kafka';
import { ingestionMetrics } from '@app/ingestion';
import { PARTICIPANT_DIRECTORY, ParticipantDirectory } from '@app/participants';

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
  });
  app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
  return transport;
}
