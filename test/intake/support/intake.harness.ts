import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { signDevToken } from '@app/auth';
import { AppConfig, loadConfig } from '@app/config';
import { createIntakeApp } from '../../../apps/intake/src/intake.bootstrap';
import { CHDB_PATH, KAFKA_BROKERS, uniqueName } from '../../support/engines';
import { TestParticipants } from '../../support/collector';

export const OPERATOR_SECRET = 'test-secret-for-intake-e2e-0123456789abcdef';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are asserted field by field
export interface Reply<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** Intake configuration on the shared engines: this file's ClickHouse database and participants. */
export function intakeConfig(
  participants: TestParticipants,
  database: string,
  databaseUrl: string,
  env: Record<string, string> = {},
): AppConfig {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: KAFKA_BROKERS.join(','),
    CLICKHOUSE_URL: process.env.CLICKHOUSE_URL ?? '',
    CHDB_PATH,
    CLICKHOUSE_DATABASE: database,
    PARTICIPANTS_FILE: participants.file,
    AUTH_JWT_SECRET: OPERATOR_SECRET,
    INTAKE_API_KEY_CACHE_MS: '0',
    INTAKE_RATE_PER_MINUTE: '0',
    INTAKE_PRODUCE_TIMEOUT_MS: '5000',
    KAFKA_CLIENT_ID: uniqueName('intake'),
    LOG_LEVEL: 'error',
    ...env,
  });
}

/** The intake app on a random port with a fetch client, operator tokens and API keys. */
export class IntakeHarness {
  private constructor(
    readonly app: INestApplication,
    readonly baseUrl: string,
  ) {}

  static async start(config: AppConfig): Promise<IntakeHarness> {
    const app = await createIntakeApp(config);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return new IntakeHarness(app, `http://127.0.0.1:${port}`);
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  operatorToken(roles: ('operator' | 'auditor' | 'participant')[] = ['operator']): Promise<string> {
    return signDevToken(OPERATOR_SECRET, {
      subject: 'operator-e2e',
      roles,
      issuer: 'ketenmonitor',
      audience: 'ketenmonitor-api',
    });
  }

  /** Creates an API key for a participant through the admin endpoint. */
  async apiKey(participantId: string): Promise<{ apiKey: string; keyId: string }> {
    const res = await this.request('POST', '/eagleeye/v1/admin/api-keys', {
      token: await this.operatorToken(),
      json: { participantId, label: 'e2e' },
    });
    if (res.status !== 201)
      throw new Error(`creating a key failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { apiKey: string; keyId: string };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see Reply
  async request<T = any>(
    method: string,
    path: string,
    options: {
      key?: string;
      token?: string;
      json?: unknown;
      body?: Buffer | string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (options.key) headers['x-api-key'] = options.key;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: Buffer | string | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    Object.assign(headers, options.headers ?? {});
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  /** POST /logs with a batch (array of lines) as the given API key. */
  post(key: string, batch: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request('POST', '/eagleeye/v1/logs', { key, json: batch, headers });
  }
}
