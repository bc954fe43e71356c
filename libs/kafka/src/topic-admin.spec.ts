import { Kafka } from 'kafkajs';
import { ensureParticipantTopics } from './topic-admin';

/**
 * The retry logic of the admin step, against a scripted admin (the broker's side is covered by
 * the collector's end-to-end tests, which create their topics through it).
 */
function fakeKafka(script: { createFailures?: unknown[]; leaderlessReads?: number; existing?: string[] }) {
  const topics = new Set(script.existing ?? []);
  const calls = { create: [] as string[][], metadata: 0 };
  let leaderless = script.leaderlessReads ?? 0;
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    listTopics: async () => [...topics],
    createTopics: async ({ topics: wanted }: { topics: { topic: string }[] }) => {
      calls.create.push(wanted.map((t) => t.topic));
      // The broker creates the topics, then the wait for their leaders fails.
      for (const t of wanted) topics.add(t.topic);
      const failure = script.createFailures?.shift();
      if (failure) throw failure;
      return true;
    },
    fetchTopicMetadata: async ({ topics: asked }: { topics: string[] }) => {
      calls.metadata++;
      const leader = leaderless-- > 0 ? -1 : 1;
      return { topics: asked.map((name) => ({ name, partitions: [{ partitionId: 0, leader }] })) };
    },
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, calls };
}

const unknownTopic = Object.assign(new Error('This server does not host this topic-partition'), {
  retriable: true,
  type: 'UNKNOWN_TOPIC_OR_PARTITION',
});

describe('ensureParticipantTopics', () => {
  it('creates only the missing topics and names them', async () => {
    const { kafka, calls } = fakeKafka({ existing: ['ketenlog.dvp-a'] });
    expect(await ensureParticipantTopics(kafka, ['dvp-a', 'dva-b'], 1, [0])).toEqual(['ketenlog.dva-b']);
    expect(calls.create).toEqual([['ketenlog.dva-b']]);
  });

  it('retries after a retriable error, without creating again what the failed attempt created', async () => {
    const { kafka, calls } = fakeKafka({ createFailures: [unknownTopic] });
    expect(await ensureParticipantTopics(kafka, ['dvp-a', 'dva-b'], 1, [0, 0])).toEqual([
      'ketenlog.dvp-a',
      'ketenlog.dva-b',
    ]);
    expect(calls.create).toEqual([['ketenlog.dvp-a', 'ketenlog.dva-b']]);
  });

  it('waits until every created topic has a leader', async () => {
    const { kafka, calls } = fakeKafka({ leaderlessReads: 2 });
    await ensureParticipantTopics(kafka, ['dvp-a'], 1, [0, 0, 0]);
    expect(calls.metadata).toBe(3);
  });

  it('gives up after the last retry with the broker error', async () => {
    const { kafka } = fakeKafka({ leaderlessReads: 10 });
    await expect(ensureParticipantTopics(kafka, ['dvp-a'], 1, [0, 0])).rejects.toThrow(
      'no leader yet for ketenlog.dvp-a',
    );
  });

  it('does not retry an error that is not retriable', async () => {
    const denied = Object.assign(new Error('Topic authorization failed'), { retriable: false });
    const { kafka, calls } = fakeKafka({ createFailures: [denied] });
    await expect(ensureParticipantTopics(kafka, ['dvp-a'], 1, [0, 0])).rejects.toThrow(
      'Topic authorization failed',
    );
    expect(calls.create).toHaveLength(1);
  });
});
