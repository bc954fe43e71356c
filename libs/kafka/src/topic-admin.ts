import { Kafka } from 'kafkajs';
import { KETENLOG_TOPIC_CONFIG, ketenlogTopic } from './ketenlog-topic.contract';

/**
 * The admin step that creates participant topics (auto-create is off on the broker: a typo in a
 * topic name must fail, not create a topic nobody reads). Existing topics are left as they are.
 */
export async function ensureParticipantTopics(
  kafka: Kafka,
  participantIds: readonly string[],
  partitions = 1,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = participantIds.map(ketenlogTopic).filter((t) => !existing.has(t));
    if (wanted.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: wanted.map((topic) => ({
          topic,
          numPartitions: partitions,
          configEntries: KETENLOG_TOPIC_CONFIG.map((c) => ({ ...c })),
        })),
      });
    }
    return wanted;
  } finally {
    await admin.disconnect();
  }
}
