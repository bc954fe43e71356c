export { createKafka } from './kafka.factory';
export {
  HEADER_AANLEVERING_ID,
  HEADER_CHANNEL,
  KETENLOG_TOPIC_CONFIG,
  KETENLOG_TOPIC_PATTERN,
  KETENLOG_TOPIC_PREFIX,
  ketenlogTopic,
  participantFromTopic,
} from './ketenlog-topic.contract';
export { ensureParticipantTopics } from './topic-admin';
export { ConsumedMessage } from './consumed-message';
export {
  BatchAccepted,
  KETENLOG_BATCH,
  KafkaBatchTransport,
  KafkaBatchTransportOptions,
} from './kafka-batch.transport';
