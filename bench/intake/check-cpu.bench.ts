/**
 * CPU cost per MB of the intake's batch check (UTF-8, split, parse, line schema), without HTTP or
 * Kafka, on 1 MB batches like bench/intake's. Counts this process's CPU time, which stays
 * meaningful on a busy machine where wall-clock rates do not.
 * Usage: node -r ./scripts/register-aliases.js dist/bench/intake/check-cpu.bench.js [--batches N]
 */
import { BatchCheck } from '@app/intake';
import { line } from '../../test/support/lines';
import { benchArgs } from '../bench-args';

const args = benchArgs();
const BATCHES = Number(args.batches ?? 200);
const BATCH_BYTES = Number(args['batch-bytes'] ?? 1024 * 1024);

function batch(location: string): Buffer {
  const parts: string[] = [];
  let size = 2;
  while (size < BATCH_BYTES - 2_000) {
    const l = JSON.stringify(line('send_authorization_request', { event: { location } }));
    parts.push(l);
    size += l.length + 1;
  }
  return Buffer.from(`[${parts.join(',')}]`);
}

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

const bodies = ['api.gezondheidsapp.example', 'app.pgo-b.example'].map(batch);
const check = new BatchCheck({ maxDepth: 16, maxReportedErrors: 1000 });
for (let i = 0; i < 20; i++) check.check(bodies[i % bodies.length]); // JIT warm-up
let bytes = 0;
const cpu0 = cpuMicros();
const t0 = process.hrtime.bigint();
for (let i = 0; i < BATCHES; i++) {
  const body = bodies[i % bodies.length];
  check.check(body);
  bytes += body.length;
}
const cpuMs = (cpuMicros() - cpu0) / 1000;
const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
const mb = bytes / 1048576;
process.stdout.write(
  `[bench:intake:check] ${BATCHES} batches of ${(bodies[0].length / 1048576).toFixed(2)} MB: ` +
    `${(cpuMs / mb).toFixed(2)} CPU ms/MB (process), ${(wallMs / mb).toFixed(2)} wall ms/MB\n`,
);
