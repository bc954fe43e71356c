import { ClickHouseService, applyRetention, runMigrations } from '@app/clickhouse';
import { AppConfig, ConfigError, loadConfigFromEnv } from '@app/config';
import { createKafka, ensureParticipantTopics } from '@app/kafka';
import { readParticipantsFile } from '@app/participants';
import { REPORT_USAGE, reportCommand } from './report.command';

const USAGE = `ketenmonitor admin CLI (configuration from the environment, see README "Configuration")

  migrate              apply ClickHouse migrations and the retention policy
  topics               create the Kafka topic of every registered participant (ketenlog.<id>)
  query "<SELECT ...>" run a read-only ClickHouse query and print one JSON object per row;
                       {{db}} expands to the configured database
${REPORT_USAGE}

Examples:
  npm run cli -- query "SELECT participant_id, count() FROM {{db}}.ketenlog_events GROUP BY 1"
  npm run cli -- topics
  npm run cli -- report --month 2026-10 --format pdf --out report-2026-10.pdf`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfigFromEnv('ketenmonitor-cli');
  switch (command) {
    case 'migrate':
      return withClickHouse(config, async (ch) => {
        const applied = await runMigrations(ch);
        const retention = await applyRetention(ch, config.retention);
        console.log(JSON.stringify({ applied, retention }));
      });
    case 'topics': {
      const snapshot = readParticipantsFile(config.participantsFile);
      const created = await ensureParticipantTopics(
        createKafka(config.kafka),
        snapshot.participants.map((p) => p.id),
        config.kafka.topicPartitions,
      );
      console.log(JSON.stringify({ created }));
      return 0;
    }
    case 'query': {
      const sql = args.join(' ').trim();
      if (!/^(select|with|show|describe|exists)\b/i.test(sql)) {
        console.error('query: only read-only statements (SELECT, WITH, SHOW, DESCRIBE, EXISTS) are allowed');
        return 2;
      }
      return withClickHouse(config, async (ch) => {
        for (const row of await ch.query<Record<string, unknown>>(ch.sql(sql)))
          console.log(JSON.stringify(row));
      });
    }
    case 'report':
      return reportCommand(args, config);
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

async function withClickHouse(
  config: AppConfig,
  work: (ch: ClickHouseService) => Promise<void>,
): Promise<number> {
  const ch = new ClickHouseService(config.clickhouse, config.clickhouse.database);
  try {
    await work(ch);
    return 0;
  } finally {
    await ch.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err instanceof ConfigError ? err.message : `error: ${err.message}`);
    process.exit(1);
  },
);
