import { ConfigError } from './config.error';
import { EnvReader } from './env-reader';
import { IntakeSettingsConfig, loadIntakeConfig } from './intake-config';
import { SloSettingsConfig, loadSloConfig } from './slo-config';
import { WorkflowConfig, loadWorkflowConfig } from './workflow-config';

export type TracesExporter = 'none' | 'console' | 'otlp';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The whole typed configuration. Built once at boot by {@link loadConfig}; nothing else reads process.env. */
export interface AppConfig extends WorkflowConfig, SloSettingsConfig, IntakeSettingsConfig {
  readonly serviceName: string;
  readonly logLevel: LogLevel;
  readonly http: { readonly port: number; readonly host: string };
  readonly kafka: {
    readonly brokers: string[];
    readonly clientId: string;
    readonly groupId: string;
    /** Topics the collector consumes (default: every participant topic). */
    readonly topicPattern: RegExp;
    /** Consumer group session timeout: how soon a crashed collector's partitions move on. */
    readonly sessionTimeoutMs: number;
    /** How often the collector looks for new participant topics. */
    readonly topicRefreshMs: number;
    /** Partitions of a newly created participant topic. */
    readonly topicPartitions: number;
    readonly sasl?: {
      readonly mechanism: 'scram-sha-512';
      readonly username: string;
      readonly password: string;
    };
  };
  readonly clickhouse: {
    /** Server URL; when absent the embedded chDB engine under `chdbPath` is used. */
    readonly url?: string;
    readonly username: string;
    readonly password: string;
    readonly database: string;
    readonly chdbPath: string;
  };
  readonly retention: {
    /** Months a received line is kept (MedMij: at least 24, at most 36). */
    readonly eventMonths: number;
    readonly rejectionMonths: number;
  };
  readonly ingestion: {
    readonly batchMaxRows: number;
    readonly batchMaxWaitMs: number;
    readonly batchBusyWaitMs: number;
    readonly batchIdleMs: number;
    readonly maxMessageChars: number;
    readonly maxFutureSkewSeconds: number;
    readonly insertRetryMaxMs: number;
  };
  readonly participantsFile: string;
  readonly catalogDir?: string;
  readonly tracing: { readonly exporter: TracesExporter; readonly otlpEndpoint?: string };
}

/** MedMij's maximum message size: 60 MB = 62,914,560 characters. */
export const MAX_MESSAGE_CHARS = 62_914_560;

export function loadConfig(env: Record<string, string | undefined>, serviceName = 'ketenmonitor'): AppConfig {
  const r = new EnvReader(env);
  const saslUser = r.optionalString('KAFKA_SASL_USERNAME');
  const saslPassword = r.optionalString('KAFKA_SASL_PASSWORD');
  if ((saslUser === undefined) !== (saslPassword === undefined)) {
    throw new ConfigError(
      saslUser === undefined ? 'KAFKA_SASL_USERNAME' : 'KAFKA_SASL_PASSWORD',
      'must be set together with its partner (KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD)',
    );
  }
  const eventMonths = r.int('RETENTION_MONTHS', 36, 24, 36);
  return {
    serviceName: r.string('SERVICE_NAME', serviceName),
    logLevel: r.oneOf<LogLevel>('LOG_LEVEL', 'info', ['debug', 'info', 'warn', 'error']),
    http: { port: r.int('HTTP_PORT', 3000, 0, 65535), host: r.string('HTTP_HOST', '127.0.0.1') },
    kafka: {
      brokers: r.list('KAFKA_BROKERS', ['127.0.0.1:9092']),
      clientId: r.string('KAFKA_CLIENT_ID', serviceName),
      groupId: r.string('KAFKA_GROUP_ID', 'ketenmonitor-collector'),
      topicPattern: regex(r, 'KAFKA_TOPIC_PATTERN', '^ketenlog\\.'),
      sessionTimeoutMs: r.int('KAFKA_SESSION_TIMEOUT_MS', 30_000, 6_000, 300_000),
      topicRefreshMs: r.int('KAFKA_TOPIC_REFRESH_MS', 30_000, 1_000, 3_600_000),
      topicPartitions: r.int('KAFKA_TOPIC_PARTITIONS', 1, 1, 1_000),
      sasl:
        saslUser !== undefined && saslPassword !== undefined
          ? { mechanism: 'scram-sha-512', username: saslUser, password: saslPassword }
          : undefined,
    },
    clickhouse: {
      url: r.url('CLICKHOUSE_URL'),
      username: r.string('CLICKHOUSE_USER', 'default'),
      password: r.string('CLICKHOUSE_PASSWORD', ''),
      database: identifier(r, 'CLICKHOUSE_DATABASE', 'ketenmonitor'),
      chdbPath: r.string('CHDB_PATH', './data/clickhouse'),
    },
    retention: {
      eventMonths,
      rejectionMonths: r.int('REJECTION_RETENTION_MONTHS', 6, 1, eventMonths),
    },
    ingestion: {
      // Rows = lines + rejections + one aanleveringen row per message: 50,000 one-line messages.
      // A flush that large only happens under load, with the busy wait (docs/ingestion.md,
      // fifth round): at 40,000 rows and 200 ms flushes stayed near 14,000 one-line messages
      // under load, and chDB spent 5-7 µs more CPU per line on look-ups and merges.
      batchMaxRows: r.int('INGEST_BATCH_MAX_ROWS', 100_000, 1, 1_000_000),
      batchMaxWaitMs: r.int('INGEST_BATCH_MAX_WAIT_MS', 200, 1, 60_000),
      batchBusyWaitMs: r.int('INGEST_BATCH_BUSY_WAIT_MS', 1_000, 1, 60_000),
      batchIdleMs: r.int('INGEST_BATCH_IDLE_MS', 100, 1, 60_000),
      maxMessageChars: r.int('INGEST_MAX_MESSAGE_CHARS', MAX_MESSAGE_CHARS, 1024, MAX_MESSAGE_CHARS),
      maxFutureSkewSeconds: r.int('INGEST_MAX_FUTURE_SKEW_SECONDS', 300, 0, 86_400),
      insertRetryMaxMs: r.int('INGEST_INSERT_RETRY_MAX_MS', 30_000, 100, 600_000),
    },
    participantsFile: r.string('PARTICIPANTS_FILE', 'deploy/local/participants.json'),
    catalogDir: r.optionalString('CATALOG_DIR'),
    tracing: {
      exporter: r.oneOf<TracesExporter>('OTEL_TRACES_EXPORTER', 'none', ['none', 'console', 'otlp']),
      otlpEndpoint: r.url('OTEL_EXPORTER_OTLP_ENDPOINT'),
    },
    ...loadWorkflowConfig(r),
    ...loadSloConfig(r),
    ...loadIntakeConfig(r),
  };
}

function regex(r: EnvReader, name: string, fallback: string): RegExp {
  const source = r.string(name, fallback);
  try {
    return new RegExp(source);
  } catch {
    throw new ConfigError(name, `must be a regular expression, got ${JSON.stringify(source)}`);
  }
}

function identifier(r: EnvReader, name: string, fallback: string): string {
  const value = r.string(name, fallback);
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(value)) {
    throw new ConfigError(
      name,
      `must be a plain identifier (letters, digits, underscore), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** The configuration of this process, from its environment. The only reader of process.env. */
export function loadConfigFromEnv(serviceName?: string): AppConfig {
  return loadConfig(process.env, serviceName);
}
