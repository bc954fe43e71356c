/** Helpers of bench/intake: the HTTP client, CPU time of another process, percentiles, arguments. */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

/** POST /eagleeye/v1/logs with node:http over the given keep-alive agent. */
export function postBatch(
  agent: Agent,
  port: number,
  key: string,
  body: Buffer,
): Promise<{ status: number; body: { lineCount?: number } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/eagleeye/v1/logs',
        agent,
        headers: { 'x-api-key': key, 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
            });
          } catch (err) {
            reject(err as Error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export /** User + system CPU time of a process so far (all its threads), from /proc (Linux). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export { benchArgs as parseArgs } from '../bench-args';
