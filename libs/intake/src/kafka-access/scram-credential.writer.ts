import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppConfig } from '@app/config';

const run = promisify(execFile);

/** Creates or replaces a SCRAM-SHA-512 credential of a Kafka user. */
export interface ScramCredentialWriter {
  upsert(user: string, password: string): Promise<void>;
}

/**
 * kafkajs has no AlterUserScramCredentials, so credentials are written with Kafka's own
 * `kafka.admin.ConfigCommand` (the broker's jars, `INTAKE_KAFKA_TOOLS_CLASSPATH`), authenticated
 * as the configured admin user. The admin password goes in a 0600 file removed afterwards; the
 * participant's password is passed as an argument (visible to `ps` on this host for a moment).
 */
export class ConfigCommandScramWriter implements ScramCredentialWriter {
  constructor(
    private readonly kafka: AppConfig['kafka'],
    private readonly classpath: string,
    private readonly java = 'java',
  ) {}

  async upsert(user: string, password: string): Promise<void> {
    if (!/^[A-Za-z0-9._-]+$/.test(user) || !/^[A-Za-z0-9_-]+$/.test(password)) {
      throw new Error('user names and generated passwords are restricted to [A-Za-z0-9._-]');
    }
    const dir = mkdtempSync(join(tmpdir(), 'kafka-admin-'));
    const props = join(dir, 'admin.properties');
    const sasl = this.kafka.sasl;
    writeFileSync(
      props,
      sasl
        ? [
            'security.protocol=SASL_PLAINTEXT',
            'sasl.mechanism=SCRAM-SHA-512',
            `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required ` +
              `username="${sasl.username}" password="${sasl.password}";`,
          ].join('\n')
        : '',
      { mode: 0o600 },
    );
    try {
      await run(
        this.java,
        [
          '-cp',
          this.classpath,
          'kafka.admin.ConfigCommand',
          '--bootstrap-server',
          this.kafka.brokers.join(','),
          '--command-config',
          props,
          '--alter',
          '--add-config',
          `SCRAM-SHA-512=[iterations=8192,password=${password}]`,
          '--entity-type',
          'users',
          '--entity-name',
          user,
        ],
        { timeout: 60_000 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
