import { AppConfig } from '@app/config';
import { ConfigCommandScramWriter, provisionParticipantKafkaAccess } from '@app/intake';
import { createKafka } from '@app/kafka';
import { readParticipantsFile } from '@app/participants';
import { CliArgs } from './cli-args';

/**
 * Operator: `kafka-user create <participant>`: topic, SCRAM user and LITERAL write ACL on the
 * participant's own topic (KAFKA_BROKERS with the admin's KAFKA_SASL_USERNAME/PASSWORD).
 */
export async function kafkaUserCommand(args: CliArgs, config: AppConfig): Promise<number> {
  const [action, participantId] = args.positional;
  if (action !== 'create' || !participantId) {
    process.stderr.write('usage: ketenlog kafka-user create <participant>\n');
    return 2;
  }
  const registered = readParticipantsFile(config.participantsFile).participants.some(
    (p) => p.id === participantId,
  );
  if (!registered) {
    process.stderr.write(`participant ${participantId} is not in ${config.participantsFile}\n`);
    return 2;
  }
  const access = await provisionParticipantKafkaAccess(
    createKafka(config.kafka, 'ketenlog-cli'),
    new ConfigCommandScramWriter(config.kafka, config.intake.kafkaToolsClasspath),
    participantId,
    config.kafka.topicPartitions,
  );
  process.stdout.write(`${JSON.stringify(access)}\n`);
  process.stderr.write('Store the password now: it is not shown again (running create again rotates it).\n');
  return 0;
}
