import { signDevToken } from '@app/auth';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './support/incident-api.harness';

// PGlite loads its WASM through a dynamic import that Jest's CommonJS sandbox cannot run, so the
// smoke test runs the built incident-api as its own process (the test command builds first).
const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'apps', 'incident-api', 'src', 'main.js');
const SECRET = 'pglite-smoke-secret-0123456789-0123456789';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

jest.setTimeout(120_000);

describe('smoke test on embedded PGlite (built incident-api process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'km-pglite-'));
  let child: ChildProcess | undefined;
  let stderr = '';

  const start = async () => {
    if (!existsSync(MAIN))
      throw new Error(`${MAIN} is missing: run \`npm run build\` first (the test command does)`);
    const port = await freePort();
    const env: Record<string, string | undefined> = {
      ...process.env,
      HTTP_PORT: String(port),
      PGLITE_PATH: join(dir, 'pglite'),
      AUTH_JWT_SECRET: SECRET,
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    child = spawn(process.execPath, ['-r', join(ROOT, 'scripts', 'register-aliases.js'), MAIN], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const base = `http://127.0.0.1:${port}`;
    await eventually(
      async () => {
        if (child?.exitCode !== null || child.signalCode !== null)
          throw new Error(`incident-api exited: ${stderr}`);
        const res = await fetch(`${base}/health`).catch(() => undefined);
        return res?.ok ? true : undefined;
      },
      'incident-api on PGlite to become healthy',
      60_000,
    );
    return base;
  };

  const stop = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };

  afterAll(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the lifecycle, ETag conflicts and alerts on PGlite, and keeps the data across a restart', async () => {
    const token = await signDevToken(SECRET, {
      subject: 'otto',
      roles: ['operator'],
      issuer: 'ketenmonitor',
      audience: 'ketenmonitor-api',
    });
    const call = async (
      base: string,
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- asserted field by field
      const json: any = await res.json().catch(() => undefined);
      return { status: res.status, body: json };
    };

    let base = await start();
    expect((await call(base, 'GET', '/health')).body).toMatchObject({
      status: 'ok',
      checks: { postgres: { ok: true, detail: { engine: 'pglite' } } },
    });
    const created = await call(base, 'POST', '/api/v1/incidents', { title: 'smoke', priority: 'P2' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(
      (
        await call(
          base,
          'POST',
          `/api/v1/incidents/${id}/transitions`,
          { to: 'acknowledged' },
          { 'if-match': '"1"' },
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await call(
          base,
          'POST',
          `/api/v1/incidents/${id}/transitions`,
          { to: 'investigating' },
          { 'if-match': '"1"' },
        )
      ).status,
    ).toBe(409);
    const alerts = Array.from({ length: 200 }, (_, i) => ({
      entity: `e${i % 5}`,
      rule: 'r',
      tier: 'page',
      state: 'firing',
    }));
    const storm = await call(base, 'POST', '/api/v1/alerts', { alerts });
    expect(new Set(storm.body.outcomes.map((o: { incidentId: string }) => o.incidentId)).size).toBe(5);
    await stop();

    base = await start();
    const again = await call(base, 'GET', `/api/v1/incidents/${id}`);
    expect(again.body).toMatchObject({ status: 'acknowledged', version: 2 });
    expect((await call(base, 'GET', '/api/v1/incidents?limit=200')).body.items).toHaveLength(6);
    await stop();
  });
});
