/**
 * Intake benchmark (issue 3): accepted lines/s and response times for 1 MB batches posted by
 * several concurrent clients to the intake (a separate process: the built apps/intake), against
 * the raw Kafka produce rate of the same batches by the same number of idempotent acks=all
 * producers, measured in the same run on the same broker. Target: intake >= 50% of raw.
 * Usage: bash bench/intake/run.sh [--clients C] [--seconds S] [--batch-bytes B]
 */
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kafka, Producer, logLevel } from 'kafkajs';
import { signDevToken } from '@app/auth';
import { ensureParticipantTopics, ketenlogTopic } from '@app/kafka';
import { readParticipantsFile } from '@app/participants';
import { line } from '../../test/support/lines';
import { parseArgs, percentile, postBatch, processCpuMs } from './bench-support';

const args = parseArgs(process.argv.slice(2));
const CLIENTS = Number(args.clients ?? 4);
const SECONDS = Number(args.seconds ?? 20);
const BATCH_BYTES = Number(args['batch-bytes'] ?? 1024 * 1024);
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const WORK = process.env.BENCH_WORK_DIR ?? '/tmp/ketenmonitor-bench-intake';
const PORT = Number(args.port ?? 13711);
const SECRET = 'bench-intake-operator-secret-0123456789abcdef';
const TARGET_SHARE = 0.5;
// The clients post over keep-alive connections with node:http: the bench's own CPU (it shares the
// cores with the intake and the broker) stays small next to what it measures.
const AGENT = new Agent({ keepAlive: true, maxSockets: 64 });

interface Result {
  readonly batches: number;
  readonly lines: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
  readonly failures: number;
  /** CPU time of the process doing the work (the intake; the bench itself for raw), ms per MB. */
  cpuMsPerMb?: number;
  /** CPU time of the bench's HTTP clients, ms per MB (intake phase only). */
  clientCpuMsPerMb?: number;
}

async function main(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const tag = `b${Date.now().toString(36)}`;
  const registry = readParticipantsFile('deploy/local/participants.json');
  const dvps = registry.participants.filter((p) => p.role === 'DVP').slice(0, CLIENTS);
  if (dvps.length < CLIENTS) throw new Error(`at most ${dvps.length} clients (one DVP each)`);
  const participants = registry.participants.map((p) => ({ ...p, id: `${p.id}-${tag}` }));
  const file = join(WORK, 'participants.json');
  writeFileSync(
    file,
    JSON.stringify({
      participants,
      zorgaanbieders: registry.zorgaanbieders.map((z) => ({ ...z, dvaId: `${z.dvaId}-${tag}` })),
    }),
  );
  const ids = dvps.map((p) => `${p.id}-${tag}`);
  const kafka = new Kafka({ clientId: 'bench-intake', brokers: BROKERS, logLevel: logLevel.NOTHING });
  await ensureParticipantTopics(kafka, ids);

  // One ~1 MB batch per client, valid lines at that DVP's own location.
  const batches = dvps.map((p) => batchOf(p.hostnames[0], BATCH_BYTES));
  log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  log(
    `${CLIENTS} clients, ${SECONDS} s per phase, batches of ${batches[0].lines} lines / ` +
      `${(batches[0].body.length / 1048576).toFixed(2)} MB`,
  );

  const rawCpu = process.cpuUsage();
  const raw = await rawProduce(kafka, ids, batches);
  const rawCpuUsed = process.cpuUsage(rawCpu);
  raw.cpuMsPerMb = (rawCpuUsed.user + rawCpuUsed.system) / 1000 / (raw.bytes / 1048576);
  report('raw Kafka produce (idempotent, acks=all)', raw);

  const intake = await startIntake(file);
  try {
    const keys = await Promise.all(ids.map((id) => apiKey(id)));
    await postBatch(AGENT, PORT, keys[0], batches[0].body); // warm-up: producer connect, JIT
    const intakeCpu = processCpuMs(intake.pid!);
    const clientCpu = process.cpuUsage();
    const http = await intakePosts(keys, batches);
    const clientCpuUsed = process.cpuUsage(clientCpu);
    http.cpuMsPerMb = (processCpuMs(intake.pid!) - intakeCpu) / (http.bytes / 1048576);
    http.clientCpuMsPerMb = (clientCpuUsed.user + clientCpuUsed.system) / 1000 / (http.bytes / 1048576);
    report('intake POST /eagleeye/v1/logs (HTTP, check, produce)', http);
    const share = rate(http) / rate(raw);
    log(
      `intake / raw = ${(share * 100).toFixed(1)}% (target >= ${TARGET_SHARE * 100}%): ` +
        (share >= TARGET_SHARE ? 'MET' : 'NOT MET'),
    );
    const summary = {
      loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
      clients: CLIENTS,
      batchBytes: batches[0].body.length,
      linesPerBatch: batches[0].lines,
      raw: summarise(raw),
      intake: summarise(http),
      share: Number(share.toFixed(3)),
    };
    writeFileSync(
      join(process.cwd(), 'bench', 'intake', 'last-run.json'),
      `${JSON.stringify(summary, null, 2)}\n`,
    );
  } finally {
    AGENT.destroy();
    const exited = new Promise((r) => intake.once('exit', r));
    intake.kill('SIGTERM');
    await exited;
  }
}

function batchOf(location: string, bytes: number): { body: Buffer; lines: number } {
  const parts: string[] = [];
  let size = 2;
  while (size < bytes - 2_000) {
    const l = JSON.stringify(line('send_authorization_request', { event: { location } }));
    parts.push(l);
    size += l.length + 1;
  }
  return { body: Buffer.from(`[${parts.join(',')}]`), lines: parts.length };
}

async function rawProduce(
  kafka: Kafka,
  ids: string[],
  batches: { body: Buffer; lines: number }[],
): Promise<Result> {
  const producers: Producer[] = await Promise.all(
    ids.map(async () => {
      const p = kafka.producer({ idempotent: true, allowAutoTopicCreation: false });
      await p.connect();
      return p;
    }),
  );
  try {
    await producers[0].send({
      topic: ketenlogTopic(ids[0]),
      acks: -1,
      messages: [{ value: batches[0].body }],
    });
    return await closedLoop(ids.length, async (i) => {
      await producers[i].send({
        topic: ketenlogTopic(ids[i]),
        acks: -1,
        messages: [{ value: batches[i].body }],
      });
      return { ok: true, lines: batches[i].lines, bytes: batches[i].body.length };
    });
  } finally {
    await Promise.all(producers.map((p) => p.disconnect()));
  }
}

function intakePosts(keys: string[], batches: { body: Buffer; lines: number }[]): Promise<Result> {
  return closedLoop(keys.length, async (i) => {
    const res = await postBatch(AGENT, PORT, keys[i], batches[i].body);
    const ok = res.status === 200;
    if (ok && res.body.lineCount !== batches[i].lines)
      throw new Error(`unexpected answer ${JSON.stringify(res.body)}`);
    return { ok, lines: batches[i].lines, bytes: batches[i].body.length };
  });
}

/** `clients` loops each sending back to back for SECONDS; latency per request. */
async function closedLoop(
  clients: number,
  send: (client: number) => Promise<{ ok: boolean; lines: number; bytes: number }>,
): Promise<Result> {
  const latenciesMs: number[] = [];
  let batches = 0;
  let lines = 0;
  let bytes = 0;
  let failures = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const r = await send(i);
        latenciesMs.push(performance.now() - t0);
        if (!r.ok) {
          failures++;
          continue;
        }
        batches++;
        lines += r.lines;
        bytes += r.bytes;
      }
    }),
  );
  return { batches, lines, bytes, seconds: (performance.now() - started) / 1000, latenciesMs, failures };
}

async function startIntake(participantsFile: string): Promise<ChildProcess> {
  const env: Record<string, string> = {
    KAFKA_BROKERS: BROKERS.join(','),
    HTTP_PORT: String(PORT),
    PARTICIPANTS_FILE: participantsFile,
    CHDB_PATH: join(WORK, 'ch'),
    PGLITE_PATH: join(WORK, 'pglite'),
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
    AUTH_JWT_SECRET: SECRET,
    INTAKE_RATE_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  };
  // run.sh runs from the repository root: the built app is under dist/.
  const log = openSync(join(WORK, 'intake.log'), 'a');
  const child = spawn(
    process.execPath,
    ['-r', './scripts/register-aliases.js', 'dist/apps/intake/src/main.js'],
    { env: { ...process.env, ...env }, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const tail = readFileSync(join(WORK, 'intake.log'), 'utf8').slice(-3000);
      throw new Error(`intake exited (${child.exitCode}):\n${tail}`);
    }
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/health`)).status < 500) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error('intake did not become healthy within 120 s');
}

async function apiKey(participantId: string): Promise<string> {
  const token = await signDevToken(SECRET, {
    subject: 'bench',
    roles: ['operator'],
    issuer: 'ketenmonitor',
    audience: 'ketenmonitor-api',
  });
  const res = await fetch(`http://127.0.0.1:${PORT}/eagleeye/v1/admin/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ participantId }),
  });
  if (res.status !== 201) throw new Error(`creating a key failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { apiKey: string }).apiKey;
}

function rate(r: Result): number {
  return r.lines / r.seconds;
}

function summarise(r: Result) {
  return {
    batches: r.batches,
    failures: r.failures,
    linesPerSec: Math.round(rate(r)),
    mbPerSec: Number((r.bytes / r.seconds / 1048576).toFixed(1)),
    p50Ms: Number(percentile(r.latenciesMs, 50).toFixed(1)),
    p99Ms: Number(percentile(r.latenciesMs, 99).toFixed(1)),
    cpuMsPerMb: r.cpuMsPerMb === undefined ? undefined : Number(r.cpuMsPerMb.toFixed(1)),
    clientCpuMsPerMb: r.clientCpuMsPerMb === undefined ? undefined : Number(r.clientCpuMsPerMb.toFixed(1)),
  };
}

function report(name: string, r: Result): void {
  const s = summarise(r);
  log(
    `${name}: ${s.linesPerSec} lines/s, ${s.mbPerSec} MB/s, ${s.batches} batches` +
      `${s.failures ? ` (${s.failures} failed)` : ''}, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms` +
      (s.cpuMsPerMb === undefined ? '' : `, ${s.cpuMsPerMb} CPU ms/MB`) +
      (s.clientCpuMsPerMb === undefined ? '' : ` (clients ${s.clientCpuMsPerMb} CPU ms/MB)`),
  );
}

function log(message: string): void {
  process.stdout.write(`[bench:intake] ${message}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
