import { randomBytes } from 'node:crypto';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  ResourcePatternTypes,
} from 'kafkajs';
import { ensureParticipantTopics, ketenlogTopic } from '@app/kafka';
import { ScramCredentialWriter } from './scram-credential.writer';

/** What a participant needs to deliver over Kafka; the password is shown only here. */
export interface ParticipantKafkaAccess {
  readonly username: string;
  readonly password: string;
  readonly mechanism: 'scram-sha-512';
  readonly topic: string;
}

/** The principal of a participant on the broker: its SCRAM user name is its participant id. */
export function participantPrincipal(participantId: string): string {
  return `User:${participantId}`;
}

/**
 * The admin step for the Kafka channel: the participant's topic, a SCRAM-SHA-512 user named
 * after the participant (a fresh random password; running it again rotates the password), and
 * LITERAL ACLs that let that user write to (and describe) its own topic only. With
 * `allow.everyone.if.no.acl.found=false` on the broker, participant A cannot produce to B's topic.
 */
export async function provisionParticipantKafkaAccess(
  kafka: Kafka,
  scram: ScramCredentialWriter,
  participantId: string,
  partitions = 1,
): Promise<ParticipantKafkaAccess> {
  const topic = ketenlogTopic(participantId);
  await ensureParticipantTopics(kafka, [participantId], partitions);
  const password = randomBytes(24).toString('base64url');
  await scram.upsert(participantId, password);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createAcls({
      acl: [AclOperationTypes.WRITE, AclOperationTypes.DESCRIBE].map((operation) => ({
        resourceType: AclResourceTypes.TOPIC,
        resourceName: topic,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: participantPrincipal(participantId),
        host: '*',
        operation,
        permissionType: AclPermissionTypes.ALLOW,
      })),
    });
  } finally {
    await admin.disconnect();
  }
  return { username: participantId, password, mechanism: 'scram-sha-512', topic };
}
