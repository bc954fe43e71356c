import { Kafka, logLevel as KafkaLogLevel, LogEntry } from 'kafkajs';
import { AppConfig } from '@app/config';
import { JsonLogger } from '@app/observability';

/**
 * The intake's own Kafka client: unlike the collector's it must give up within the request's
 * deadline. Short connect timeouts and few retries mean kafkajs itself rejects a send it could
 * not complete, so a batch answered 503 is never written later by a retry still in flight.
 */
export function createIntakeKafka(config: AppConfig): Kafka {
  const logger = new JsonLogger('intake-kafka');
  return new Kafka({
    clientId: `${config.kafka.clientId}-intake`,
    brokers: config.kafka.brokers,
    sasl: config.kafka.sasl,
    connectionTimeout: Math.min(3_000, config.intake.produceTimeoutMs),
    requestTimeout: config.intake.produceTimeoutMs,
    retry: { initialRetryTime: 100, retries: 2, maxRetryTime: 1_000 },
    logLevel: KafkaLogLevel.ERROR,
    logCreator:
      () =>
      ({ log }: LogEntry) => {
        const { message, ...extra } = log;
        logger.error(message, extra);
      },
  });
}
