import { Kafka } from 'kafkajs';
import { KETENLOG_TOPIC_CONFIG, ketenlogTopic } from './ketenlog-topic.contract';

/** Pauses before the next attempt of ensureParticipantTopics: about 6 s in all. */
const RETRY_DELAYS_MS = [200, 400, 800, 1_600, 3_200];

/**
 * The admin step that creates participant topics (auto-create is off on the broker: a typo in a
 * topic name must fail, not create a topic nobody reads). Existing topics are left as they are.
 * Returns the topics this call created.
 *
 * Right after a topic is created, a KRaft broker may answer the metadata request that waits for
 * its leaders with UNKNOWN_TOPIC_OR_PARTITION (seen once in bench/ingest); kafkajs passes that
 * on. Retriable errors are therefore retried: list again, create what is still missing, and wait
 * until every topic this call set out to create has a leader for each partition.
 */
export async function ensureParticipantTopics(
  kafka: Kafka,
  participantIds: readonly string[],
  partitions = 1,
  retryDelaysMs: readonly number[] = RETRY_DELAYS_MS,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const listed = new Set(await admin.listTopics());
    const missing = participantIds.map(ketenlogTopic).filter((t) => !listed.has(t));
    for (let attempt = 0; missing.length > 0; attempt++) {
      try {
        const now = new Set(await admin.listTopics());
        const toCreate = missing.filter((t) => !now.has(t));
        if (toCreate.length > 0) {
          await admin.createTopics({
            waitForLeaders: true,
            topics: toCreate.map((topic) => ({
              topic,
              numPartitions: partitions,
              configEntries: KETENLOG_TOPIC_CONFIG.map((c) => ({ ...c })),
            })),
          });
        }
        const { topics } = await admin.fetchTopicMetadata({ topics: missing });
        const leaderless = topics.filter(
          (t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0),
        );
        if (leaderless.length === 0) break;
        throw Object.assign(new Error(`no leader yet for ${leaderless.map((t) => t.name).join(', ')}`), {
          retriable: true,
        });
      } catch (err) {
        if (attempt >= retryDelaysMs.length || !retriable(err)) throw err;
        await new Promise((r) => setTimeout(r, retryDelaysMs[attempt]));
      }
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}

/** A kafkajs error worth another attempt; a topic created meanwhile (by an earlier attempt) too. */
function retriable(err: unknown): boolean {
  const e = err as { retriable?: boolean; type?: string; errors?: { type?: string }[] };
  return (
    e.retriable === true ||
    e.type === 'TOPIC_ALREADY_EXISTS' ||
    ((e.errors?.length ?? 0) > 0 && (e.errors ?? []).every((x) => x.type === 'TOPIC_ALREADY_EXISTS'))
  );
}
