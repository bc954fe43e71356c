import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { loadConfig } from '@app/config';
import {
  ConfigCommandScramWriter,
  ParticipantKafkaAccess,
  provisionParticipantKafkaAccess,
} from '@app/intake';
import { ketenlogTopic } from '@app/kafka';
import { line } from '../support/lines';
import { ADMIN, KAFKA_CLASSPATH, SecureKafka } from './support/secure-kafka';

const PORT = Number(process.env.INTAKE_TEST_SECURE_KAFKA_PORT ?? 49192);

/**
 * Kafka channel parity: the admin step gives each participant a SCRAM user and a LITERAL write
 * ACL on its own topic. Participant A can produce to its topic and cannot produce to B's.
 */
describe('Kafka channel: per-participant SCRAM users and LITERAL ACLs', () => {
  let dir: string;
  let broker: SecureKafka;
  let a: ParticipantKafkaAccess;
  let b: ParticipantKafkaAccess;
  const suffix = Date.now().toString(36);

  const clientAs = (access: { username: string; password: string }) =>
    new Kafka({
      clientId: `e2e-${access.username}`,
      brokers: broker.brokers,
      sasl: { mechanism: 'scram-sha-512', username: access.username, password: access.password },
      retry: { retries: 1, initialRetryTime: 100 },
      logLevel: logLevel.NOTHING,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kafka-secure-'));
    broker = await SecureKafka.start(dir, PORT);
    const config = loadConfig({
      KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_SASL_USERNAME: ADMIN.username,
      KAFKA_SASL_PASSWORD: ADMIN.password,
    });
    const adminKafka = clientAs(ADMIN);
    const scram = new ConfigCommandScramWriter(config.kafka, KAFKA_CLASSPATH);
    a = await provisionParticipantKafkaAccess(adminKafka, scram, `pgo-acl-a-${suffix}`);
    b = await provisionParticipantKafkaAccess(adminKafka, scram, `dva-acl-b-${suffix}`);
  }, 240_000);

  afterAll(async () => {
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const produce = async (access: ParticipantKafkaAccess, topic: string) => {
    const producer = clientAs(access).producer({ idempotent: true, allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({
        topic,
        acks: -1,
        messages: [{ value: JSON.stringify([line('send_authorization_request')]) }],
      });
      return 'ok';
    } catch (err) {
      return (err as { type?: string; message: string }).type ?? (err as Error).message;
    } finally {
      await producer.disconnect();
    }
  };

  it('lets a participant produce to its own topic only', async () => {
    expect(a.topic).toBe(ketenlogTopic(a.username));
    expect(await produce(a, a.topic)).toBe('ok');
    expect(await produce(b, b.topic)).toBe('ok');
    expect(await produce(a, b.topic)).toMatch(/TOPIC_AUTHORIZATION_FAILED|not authorized/i);
    expect(await produce(b, a.topic)).toMatch(/TOPIC_AUTHORIZATION_FAILED|not authorized/i);
  });

  it('refuses a wrong password, and the ACLs are LITERAL (no prefix match on a look-alike topic)', async () => {
    await expect(produce({ ...a, password: 'wrong' }, a.topic)).rejects.toThrow(/authentication failed/i);
    const admin = clientAs(ADMIN).admin();
    await admin.connect();
    try {
      const lookAlike = `${a.topic}-extra`;
      await admin.createTopics({ topics: [{ topic: lookAlike }], waitForLeaders: true });
      expect(await produce(a, lookAlike)).toMatch(/TOPIC_AUTHORIZATION_FAILED|not authorized/i);
    } finally {
      await admin.disconnect();
    }
  });
});
