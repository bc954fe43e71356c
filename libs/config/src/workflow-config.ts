import { ConfigError } from './config.error';
import { EnvReader } from './env-reader';

/** PostgreSQL: a server when `DATABASE_URL` is set, otherwise embedded PGlite under `pglitePath`. */
export interface PostgresConfig {
  readonly url?: string;
  readonly pglitePath: string;
  readonly poolMax: number;
}

/**
 * API tokens (JWT). Either a shared HS256 secret (dev tokens, `AUTH_JWT_SECRET`; when absent a
 * random one is kept in `devSecretFile`) or an OIDC issuer's keys (`AUTH_JWKS_URL`).
 */
export interface AuthConfig {
  readonly jwtSecret?: string;
  readonly devSecretFile: string;
  readonly jwksUrl?: string;
  readonly issuer: string;
  readonly audience: string;
  readonly rolesClaim: string;
  readonly participantClaim: string;
}

export interface IncidentsConfig {
  /** How long an alert must stay cleared before its incident resolves itself; 0 disables auto-resolve. */
  readonly autoResolveQuietSeconds: number;
  readonly autoResolveIntervalMs: number;
}

export interface WebhooksConfig {
  readonly pollIntervalMs: number;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly timeoutMs: number;
}

export interface WorkflowConfig {
  readonly postgres: PostgresConfig;
  readonly auth: AuthConfig;
  readonly incidents: IncidentsConfig;
  readonly webhooks: WebhooksConfig;
}

/** The settings of the incident/compliance side (PostgreSQL, tokens, incidents, webhooks). */
export function loadWorkflowConfig(r: EnvReader): WorkflowConfig {
  const jwtSecret = r.optionalString('AUTH_JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('AUTH_JWT_SECRET', 'must be at least 32 characters long');
  }
  return {
    postgres: {
      url: r.url('DATABASE_URL'),
      pglitePath: r.string('PGLITE_PATH', './data/pglite'),
      poolMax: r.int('DATABASE_POOL_MAX', 20, 1, 500),
    },
    auth: {
      jwtSecret,
      devSecretFile: r.string('AUTH_DEV_SECRET_FILE', './data/auth/dev-jwt-secret'),
      jwksUrl: r.url('AUTH_JWKS_URL'),
      issuer: r.string('AUTH_ISSUER', 'ketenmonitor'),
      audience: r.string('AUTH_AUDIENCE', 'ketenmonitor-api'),
      rolesClaim: r.string('AUTH_ROLES_CLAIM', 'roles'),
      participantClaim: r.string('AUTH_PARTICIPANT_CLAIM', 'participant_id'),
    },
    incidents: {
      autoResolveQuietSeconds: r.int('INCIDENT_AUTO_RESOLVE_QUIET_SECONDS', 900, 0, 7 * 86_400),
      autoResolveIntervalMs: r.int('INCIDENT_AUTO_RESOLVE_INTERVAL_MS', 30_000, 50, 3_600_000),
    },
    webhooks: {
      pollIntervalMs: r.int('WEBHOOK_POLL_INTERVAL_MS', 1_000, 10, 600_000),
      maxAttempts: r.int('WEBHOOK_MAX_ATTEMPTS', 8, 1, 100),
      backoffBaseMs: r.int('WEBHOOK_BACKOFF_BASE_MS', 5_000, 1, 3_600_000),
      backoffMaxMs: r.int('WEBHOOK_BACKOFF_MAX_MS', 3_600_000, 1, 86_400_000),
      timeoutMs: r.int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    },
  };
}
