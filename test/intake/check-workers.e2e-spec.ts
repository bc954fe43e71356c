import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const POOL = join(ROOT, 'dist', 'libs', 'intake', 'src', 'batch-check.pool.js');

// Runs in a child on the built code: worker threads need the compiled worker script.
const CHILD = `
  const { BatchCheckPool } = require(${JSON.stringify(POOL)});
  const line = (i) => JSON.stringify({ event: { type: 'send_authorization_request', location: 'api.gezondheidsapp.example',
    datetime: '2026-01-31T12:00:00.000+01:00', trace_id: '0b0e1c44-6a66-4a41-9c39-0b0e1c44' + String(1000 + i).padStart(4, '0') } });
  (async () => {
    const pool = new BatchCheckPool({ maxDepth: 16, maxReportedErrors: 10 }, 2);
    const good = Buffer.from('[' + Array.from({ length: 5000 }, (_, i) => line(i % 9000)).join(',') + ']');
    const small = Buffer.from('[' + line(1) + ']');
    const bad = Buffer.from('[' + line(1) + ',{"event":{"type":"x"}}]');
    const inputs = [good, small, bad, Buffer.from('nope')];
    const texts = inputs.map((b) => b.toString());
    const out = await Promise.all(inputs.map((b, i) =>
      pool.check(b).then((r) => ({ ok: r.result.lineCount, same: r.body.toString() === texts[i] }),
        (e) => ({ code: e.code, errors: e.details && e.details.errors && [...new Set(e.details.errors.map((x) => x.index))] }))));
    await pool.close();
    process.stdout.write(JSON.stringify(out));
  })();
`;

/** The batch check on worker threads (INTAKE_CHECK_WORKERS) gives the same answers as inline. */
describe('batch check on worker threads', () => {
  (existsSync(POOL) ? it : it.skip)('checks batches in parallel and maps errors back', () => {
    const out = spawnSync(
      process.execPath,
      ['-r', join(ROOT, 'scripts', 'register-aliases.js'), '-e', CHILD],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual([
      { ok: 5000, same: true },
      { ok: 1, same: true },
      { code: 'INTAKE_BATCH_NOT_OK', errors: [1] },
      { code: 'INTAKE_MESSAGE_NOT_OK' },
    ]);
  });
});
