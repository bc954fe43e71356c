import { ConfigError } from './config.error';
import { EnvReader } from './env-reader';

/** MedMij's maximum message: 60 MB = 62,914,560 characters (and bytes, before and after gzip). */
const MAX_BATCH_BYTES = 62_914_560;

/** The participant intake (apps/intake, libs/intake): limits, Kafka produce, rate and key cache. */
export interface IntakeConfig {
  /** Largest accepted batch, in bytes on the wire and after gunzip (MedMij: 60 MB). */
  readonly maxBatchBytes: number;
  /** Deepest JSON nesting accepted in a batch (a line needs 3). */
  readonly maxDepth: number;
  /** How long a produce may take before the intake answers 503. */
  readonly produceTimeoutMs: number;
  /** Worker threads checking batches in parallel (0 = check on the event loop). */
  readonly checkWorkers: number;
  /** Kafka producers (connections) the intake spreads batches over. */
  readonly producers: number;
  /** The Retry-After (seconds) sent with 429 and 503. */
  readonly retryAfterSeconds: number;
  /** Batches a participant may post per minute (token bucket, per intake replica); 0 = unlimited. */
  readonly ratePerMinute: number;
  /** Burst size of the token bucket. */
  readonly rateBurst: number;
  /** How long a verified API key is trusted without a database look-up (revocation delay). */
  readonly apiKeyCacheMs: number;
  /** At most this many line errors are listed in a 400 (the total is always given). */
  readonly maxReportedErrors: number;
  /** Classpath of Kafka's own admin tools (SCRAM credentials are written with ConfigCommand). */
  readonly kafkaToolsClasspath: string;
  /** HTTPS for the intake's own server, with optional client certificates; undefined = plain HTTP. */
  readonly tls?: IntakeTlsConfig;
}

/** Files are read at start; all PEM. */
export interface IntakeTlsConfig {
  readonly certFile: string;
  readonly keyFile: string;
  /** CA bundle client certificates must chain to; undefined = no client certificates asked for. */
  readonly clientCaFile?: string;
  /**
   * `optional`: a client may connect without a certificate (then an API key is needed); one that
   * sends a certificate not from the CA bundle is disconnected. `required`: every client needs a
   * certificate from the bundle (rejectUnauthorized), refused in the TLS handshake otherwise.
   */
  readonly clientAuth: 'optional' | 'required';
}

export interface IntakeSettingsConfig {
  readonly intake: IntakeConfig;
}

export function loadIntakeConfig(r: EnvReader): IntakeSettingsConfig {
  return {
    intake: {
      maxBatchBytes: r.int('INTAKE_MAX_BATCH_BYTES', MAX_BATCH_BYTES, 1024, MAX_BATCH_BYTES),
      maxDepth: r.int('INTAKE_MAX_DEPTH', 16, 4, 256),
      produceTimeoutMs: r.int('INTAKE_PRODUCE_TIMEOUT_MS', 15_000, 500, 300_000),
      checkWorkers: r.int('INTAKE_CHECK_WORKERS', 2, 0, 64),
      producers: r.int('INTAKE_PRODUCERS', 4, 1, 64),
      retryAfterSeconds: r.int('INTAKE_RETRY_AFTER_SECONDS', 5, 1, 3_600),
      ratePerMinute: r.int('INTAKE_RATE_PER_MINUTE', 600, 0, 1_000_000),
      rateBurst: r.int('INTAKE_RATE_BURST', 60, 1, 1_000_000),
      apiKeyCacheMs: r.int('INTAKE_API_KEY_CACHE_MS', 10_000, 0, 3_600_000),
      maxReportedErrors: r.int('INTAKE_MAX_REPORTED_ERRORS', 1_000, 1, 100_000),
      kafkaToolsClasspath: r.string('INTAKE_KAFKA_TOOLS_CLASSPATH', 'deploy/local/kafka/libs/*'),
      tls: loadIntakeTls(r),
    },
  };
}

function loadIntakeTls(r: EnvReader): IntakeTlsConfig | undefined {
  const certFile = r.optionalString('INTAKE_TLS_CERT_FILE');
  const keyFile = r.optionalString('INTAKE_TLS_KEY_FILE');
  const clientCaFile = r.optionalString('INTAKE_TLS_CLIENT_CA_FILE');
  const clientAuth = r.oneOf('INTAKE_TLS_CLIENT_AUTH', 'optional', ['optional', 'required'] as const);
  if (!certFile && !keyFile && !clientCaFile) return undefined;
  if (!certFile || !keyFile) {
    throw new ConfigError(
      certFile ? 'INTAKE_TLS_KEY_FILE' : 'INTAKE_TLS_CERT_FILE',
      'is required for HTTPS (INTAKE_TLS_CERT_FILE and INTAKE_TLS_KEY_FILE go together)',
    );
  }
  return { certFile, keyFile, clientCaFile, clientAuth };
}

/** The participant CLI (`ketenlog submit`): where to deliver and with which key; flags override. */
export interface KetenlogCliConfig {
  readonly url?: string;
  readonly apiKey?: string;
}

export function loadKetenlogCliConfig(env: Record<string, string | undefined>): KetenlogCliConfig {
  const r = new EnvReader(env);
  return { url: r.url('KETENLOG_URL'), apiKey: r.optionalString('KETENLOG_API_KEY') };
}

/** The CLI settings of this process, from its environment. */
export function loadKetenlogCliConfigFromEnv(): KetenlogCliConfig {
  return loadKetenlogCliConfig(process.env);
}
