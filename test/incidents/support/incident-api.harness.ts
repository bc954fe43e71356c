import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Role, signDevToken } from '@app/auth';
import { ConfigModule, loadConfig } from '@app/config';
import { SQL_CLIENT, SqlClient } from '@app/postgres';
import { AddressInfo } from 'node:net';
import { configureIncidentApi } from '../../../apps/incident-api/src/configure-incident-api';
import { IncidentApiModule, incidentApiOps } from '../../../apps/incident-api/src/incident-api.module';

export const TEST_SECRET = 'test-secret-for-incident-api-e2e-0123456789';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are asserted field by field
export interface ApiResponse<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** The incident API running on a random port against the given database, with a fetch client. */
export class IncidentApiHarness {
  private constructor(
    readonly app: INestApplication,
    readonly baseUrl: string,
  ) {}

  static async start(env: Record<string, string>): Promise<IncidentApiHarness> {
    const config = loadConfig({
      AUTH_JWT_SECRET: TEST_SECRET,
      INCIDENT_AUTO_RESOLVE_QUIET_SECONDS: '0',
      WEBHOOK_POLL_INTERVAL_MS: '50',
      WEBHOOK_BACKOFF_BASE_MS: '50',
      WEBHOOK_BACKOFF_MAX_MS: '400',
      WEBHOOK_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'warn',
      ...env,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), IncidentApiModule],
      ...incidentApiOps(),
    }).compile();
    const app = moduleRef.createNestApplication({ logger: ['error'] });
    configureIncidentApi(app);
    app.enableShutdownHooks();
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return new IncidentApiHarness(app, `http://127.0.0.1:${port}`);
  }

  get sql(): SqlClient {
    return this.app.get<SqlClient>(SQL_CLIENT);
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  token(
    role: Role | Role[],
    subject = `${[role].flat().join('+')}-user`,
    participantId?: string,
  ): Promise<string> {
    return signDevToken(TEST_SECRET, {
      subject,
      roles: [role].flat(),
      participantId,
      issuer: 'ketenmonitor',
      audience: 'ketenmonitor-api',
    });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see ApiResponse
  async request<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    if (options.rawBody !== undefined && !headers['content-type'])
      headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (metrics, docs)
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
