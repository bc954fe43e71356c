import { Kafka, logLevel as KafkaLogLevel, LogEntry } from 'kafkajs';
import { AppConfig } from '@app/config';
import { JsonLogger } from '@app/observability';

/** A kafkajs client from the validated config, logging through our structured logger. */
export function createKafka(config: AppConfig['kafka'], clientId = config.clientId): Kafka {
  const logger = new JsonLogger('kafka');
  return new Kafka({
    clientId,
    brokers: config.brokers,
    sasl: config.sasl,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
    logLevel: KafkaLogLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        if (level <= KafkaLogLevel.ERROR) logger.error(message, extra);
        else logger.warn(message, extra);
      },
  });
}
