import { loadConfigFromEnv, loadKetenlogCliConfigFromEnv } from '@app/config';
import { apiKeyCommand } from './api-key.command';
import { clientCertCommand } from './client-cert.command';
import { kafkaUserCommand } from './kafka-user.command';
import { parseCliArgs } from './cli-args';
import { submitCommand } from './submit.command';

const USAGE = `ketenlog <command>
  submit <file|dir> [--url U] [--key K] [--batch-mb 8] [--attempts 8] [--json]
      deliver JSON / NDJSON files to the intake (KETENLOG_URL, KETENLOG_API_KEY)
  api-key create <participant> [--label L] | list [participant] | revoke <key id>
      operator: manage participant API keys in PostgreSQL (DATABASE_URL)
  client-cert add <participant> (--cert F.pem [--match fingerprint|subject] | --fingerprint HEX |
              --subject DN --issuer DN) [--label L] | list [participant] | revoke <certificate id>
      operator: map client certificates to participants in PostgreSQL (DATABASE_URL)
  kafka-user create <participant>
      operator: SCRAM user + LITERAL write ACL on ketenlog.<participant> (KAFKA_BROKERS, KAFKA_SASL_*)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const args = parseCliArgs(rest);
  switch (command) {
    case 'submit':
      return submitCommand(args, loadKetenlogCliConfigFromEnv());
    case 'api-key':
      return apiKeyCommand(args, loadConfigFromEnv('ketenlog-cli'));
    case 'client-cert':
      return clientCertCommand(args, loadConfigFromEnv('ketenlog-cli'));
    case 'kafka-user':
      return kafkaUserCommand(args, loadConfigFromEnv('ketenlog-cli'));
    default:
      process.stderr.write(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`ketenlog: ${err.message}\n`);
    process.exit(1);
  },
);
