// Load bench of the incident API against a real PostgreSQL server (DATABASE_URL): the built
// incident-api runs as its own process on a fresh database; this script drives an open-loop mix
// of reads and writes at a fixed rate, latency measured from each request's scheduled start (no
// coordinated omission), next to two baselines measured in the same run: raw `SELECT 1` round
// trips through a pg pool configured like the API's, and GET /health (HTTP + one SELECT 1
// through the API's own pool). Target: p99 < 50 ms at 200 requests/s.
//   npm run build && DATABASE_URL=postgres://... node -r ./scripts/register-aliases.js \
//     dist/bench/incidents/incident-api.bench.js [--rate 200] [--seconds 30]
import { signDevToken } from '@app/auth';
import { PgPoolSqlClient } from '@app/postgres';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';

const TARGET_P99_MS = 50;
const SECRET = randomBytes(32).toString('hex');

const { values } = parseArgs({
  options: { rate: { type: 'string', default: '200' }, seconds: { type: 'string', default: '30' } },
});
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

function summary(latencies: number[]): string {
  const s = [...latencies].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(2)} ms, p95 ${percentile(s, 95).toFixed(2)} ms, p99 ${percentile(s, 99).toFixed(2)} ms`;
}

/** Runs `op` at `rate` per second for `seconds`, open loop; returns latencies and wall time. */
async function openLoop(rate: number, seconds: number, op: (i: number) => Promise<void>) {
  const total = rate * seconds;
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    while (performance.now() < scheduled) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, scheduled - performance.now())));
    }
    inflight.push(op(i).then(() => void latencies.push(performance.now() - scheduled)));
  }
  await Promise.all(inflight);
  return { latencies, wallSeconds: (performance.now() - start) / 1000 };
}

async function main(): Promise<void> {
  const admin = process.env.DATABASE_URL;
  if (!admin) throw new Error('Set DATABASE_URL to a PostgreSQL server (e.g. scripts/postgres.sh start DIR)');
  const dbName = `km_bench_${randomBytes(4).toString('hex')}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${dbName}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${dbName}`;

  const ROOT = join(__dirname, '..', '..', '..');
  let api: ChildProcess | undefined;
  const pool = new PgPoolSqlClient(url.toString(), { max: 20 });
  try {
    const port = await freePort();
    api = spawn(
      process.execPath,
      [
        '-r',
        join(ROOT, 'scripts', 'register-aliases.js'),
        join(ROOT, 'dist', 'apps', 'incident-api', 'src', 'main.js'),
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: url.toString(),
          HTTP_PORT: String(port),
          AUTH_JWT_SECRET: SECRET,
          LOG_LEVEL: 'error',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (
      !(await fetch(`${base}/health`)
        .then((r) => r.ok)
        .catch(() => false))
    ) {
      if (Date.now() > deadline || api.exitCode !== null) throw new Error('incident-api did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const sql = pool;
    const token = await signDevToken(SECRET, {
      subject: 'bench',
      roles: ['operator'],
      issuer: 'ketenmonitor',
      audience: 'ketenmonitor-api',
    });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
      const res = await fetch(base + path, {
        method,
        headers: { ...headers, ...extra },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : undefined };
    };
    // Seed: 200 incidents over 20 participants.
    const ids: string[] = [];
    const versions = new Map<string, string>();
    for (let i = 0; i < 200; i++) {
      const r = await call('POST', '/api/v1/incidents', {
        title: `seed ${i}`,
        priority: `P${(i % 4) + 1}`,
        affectedParticipants: [`pgo-bench-${i % 20}`],
      });
      ids.push(r.body.id);
      versions.set(r.body.id, r.etag as string);
    }

    // Warm-up, then the baseline: raw SELECT 1 through the same pool, same rate.
    await openLoop(RATE, 2, async () => void (await sql.query('SELECT 1')));
    const baseline = await openLoop(
      RATE,
      Math.min(SECONDS, 10),
      async () => void (await sql.query('SELECT 1')),
    );
    const health = await openLoop(
      RATE,
      Math.min(SECONDS, 10),
      async () => void (await call('GET', '/health')),
    );

    const loadBefore = loadavg()[0];
    const cpuBefore = processCpuMs(api.pid);
    const counts = { read: 0, write: 0, conflict: 0, error: 0 };
    const byKind = new Map<string, number[]>();
    const mixed = await openLoop(RATE, SECONDS, async (i) => {
      const id = ids[i % ids.length];
      const kind = i % 10;
      let status: number;
      const began = performance.now();
      if (kind < 3) status = (await call('GET', `/api/v1/incidents/${id}`)).status;
      else if (kind < 5)
        status = (
          await call(
            'GET',
            `/api/v1/incidents?participant=pgo-bench-${i % 20}&status=new,acknowledged&limit=20`,
          )
        ).status;
      else if (kind < 7) status = (await call('GET', `/api/v1/incidents/${id}/timeline`)).status;
      else if (kind === 7) {
        const r = await call(
          'PATCH',
          `/api/v1/incidents/${id}`,
          { description: `edit ${i}` },
          { 'if-match': versions.get(id) as string },
        );
        if (r.etag) versions.set(id, r.etag);
        status = r.status;
      } else if (kind === 8)
        status = (await call('POST', `/api/v1/incidents/${id}/comments`, { text: `note ${i}` })).status;
      else {
        status = (
          await call('POST', '/api/v1/alerts', {
            alerts: [
              {
                entity: `dva:bench-${i % 50}`,
                rule: 'availability',
                tier: 'page',
                state: 'firing',
                traceIds: [randomUUID()],
              },
            ],
          })
        ).status;
      }
      const label = [
        'get',
        'get',
        'get',
        'list',
        'list',
        'timeline',
        'timeline',
        'patch',
        'comment',
        'alert',
      ][kind];
      byKind.set(label, [...(byKind.get(label) ?? []), performance.now() - began]);
      if (status === 409) counts.conflict++;
      else if (status >= 400) {
        counts.error++;
        if (counts.error <= 3) process.stderr.write(`error ${status} on ${label}\n`);
      } else if (kind < 7) counts.read++;
      else counts.write++;
    });

    const cpuPerRequest = (processCpuMs(api.pid) - cpuBefore) / mixed.latencies.length;
    const sorted = [...mixed.latencies].sort((a, b) => a - b);
    const p99 = percentile(sorted, 99);
    const lines = [
      `incident-api bench: ${RATE} req/s offered for ${SECONDS} s, PostgreSQL server, API in its own process`,
      `baseline  SELECT 1 via pg pool: ${(baseline.latencies.length / baseline.wallSeconds).toFixed(1)} req/s, ${summary(baseline.latencies)}`,
      `baseline  GET /health (HTTP): ${(health.latencies.length / health.wallSeconds).toFixed(1)} req/s, ${summary(health.latencies)}`,
      `mixed 70% read / 30% write  : ${(mixed.latencies.length / mixed.wallSeconds).toFixed(1)} req/s, ${summary(mixed.latencies)}`,
      ...[...byKind].map(([label, l]) => `  ${label.padEnd(9)}: ${summary(l)}`),
      `  API process CPU per request ${cpuPerRequest.toFixed(2)} ms; machine load average ${loadBefore.toFixed(2)} -> ${loadavg()[0].toFixed(2)} on this run`,
      `  reads ${counts.read}, writes ${counts.write}, 409 conflicts ${counts.conflict}, errors ${counts.error}`,
      `target p99 < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS && counts.error === 0 ? 'MET' : 'MISSED'} (p99 ${p99.toFixed(2)} ms)`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    if (api && api.exitCode === null) {
      const exited = new Promise((resolve) => api?.once('exit', resolve));
      api.kill('SIGTERM');
      await exited;
    }
    await pool.close();
    const d = new Client({ connectionString: admin });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await d.end();
  }
}

/** CPU time (user + system) of a process so far, from /proc; NaN where /proc is missing. */
function processCpuMs(pid: number | undefined): number {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return NaN;
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
