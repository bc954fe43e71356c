import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CHECK = join(ROOT, 'dist', 'libs', 'intake', 'src', 'batch-check.js');

// Builds a ~59 MB batch outside the V8 heap (one Buffer, lines copied in), then checks it.
const CHILD = (mode: 'check' | 'full-check' | 'parse-whole') => `
  const { randomUUID } = require('node:crypto');
  const target = 59 * 1024 * 1024;
  const buf = Buffer.allocUnsafe(target + 4096);
  let at = 0;
  buf[at++] = 0x5b;
  while (at < target) {
    if (at > 1) buf[at++] = 0x2c;
    const line = JSON.stringify({ event: { type: 'send_authorization_request', location: 'api.gezondheidsapp.example',
      datetime: '2026-01-31T12:00:00.000+01:00', session_id: randomUUID(), trace_id: randomUUID() },
      request: { id: randomUUID(), method: 'get', client_id: 'api.gezondheidsapp.example', server_id: 'auth.huisartsnet.example',
      uri: 'https://auth.huisartsnet.example/oauth/authorize?client_id=api.gezondheidsapp.example&scope=huisartsdeboer~48&state=' + randomUUID(),
      initiated_by: 'machine' } });
    at += buf.write(line, at);
  }
  buf[at++] = 0x5d;
  const body = buf.subarray(0, at);
  if (${JSON.stringify(mode)} !== 'parse-whole') {
    const { BatchCheck } = require(${JSON.stringify(CHECK)});
    const check = new BatchCheck({ maxDepth: 16, maxReportedErrors: 1000 });
    const { lineCount } = ${JSON.stringify(mode)} === 'check' ? check.check(body) : check.fullCheck(body);
    process.stdout.write(JSON.stringify({ lineCount, bytes: body.length }));
  } else {
    const all = JSON.parse(body.toString('utf8'));
    process.stdout.write(JSON.stringify({ lineCount: all.length, bytes: body.length }));
  }
`;

function run(mode: 'check' | 'full-check' | 'parse-whole', heapMb: number) {
  return spawnSync(
    process.execPath,
    [`--max-old-space-size=${heapMb}`, '-r', join(ROOT, 'scripts', 'register-aliases.js'), '-e', CHILD(mode)],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
}

/**
 * "A 60 MB batch must not need several times its size in memory": the intake's check of a 59 MB
 * batch runs with the V8 heap capped at 96 MB, where parsing the same batch as one document runs
 * out of memory: the quick check reads the bytes (outside the heap) and builds nothing; the full
 * check holds the decoded text and one chunk of parsed lines. Runs the built code
 * (dist/, which the test command builds first); skipped when it is missing.
 */
describe('memory of the batch check', () => {
  const built = existsSync(CHECK);

  (built ? it : it.skip)(
    'checks a 59 MB batch within a 96 MB heap; a whole-document parse does not fit',
    () => {
      const check = run('check', 96);
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
      const result = JSON.parse(check.stdout) as { lineCount: number; bytes: number };
      expect(result.bytes).toBeGreaterThan(59 * 1024 * 1024);
      expect(result.lineCount).toBeGreaterThan(50_000);

      // The full check (what a batch with a failing line gets) decodes and parses in chunks: it fits too.
      const full = run('full-check', 96);
      expect(full.stderr).toBe('');
      expect(full.status).toBe(0);
      expect(JSON.parse(full.stdout)).toEqual(result);

      const whole = run('parse-whole', 96);
      expect(whole.status).not.toBe(0);
      expect(whole.stderr).toMatch(/heap out of memory|Allocation failed/i);
    },
  );
});
