import { readFileSync, readdirSync } from 'node:fs';
import { hash } from 'node:crypto';

/** CPU time of this process, all threads (so chDB's native threads too), in µs. */
export function processCpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/** CPU time of the main (JavaScript) thread alone, from Linux's per-thread stat; NaN elsewhere. */
export function mainThreadCpuMicros(): number {
  return statCpuMicros(`/proc/self/task/${process.pid}/stat`);
}

/** CPU time of another process (the Kafka broker), in µs; NaN when unknown. */
export function pidCpuMicros(pid: number | undefined): number {
  return pid ? statCpuMicros(`/proc/${pid}/stat`) : NaN;
}

function statCpuMicros(path: string): number {
  try {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
  } catch {
    return NaN;
  }
}

/**
 * CPU time of this process's threads grouped by thread name (Linux `comm`, e.g. chDB's
 * `QueryPipelineEx` and `MergeMutate`, V8's `V8 DefaultWorke`), in µs; empty elsewhere.
 * Threads that ended since an earlier snapshot are missing from this one.
 */
export function threadCpuByName(): Map<string, number> {
  const byName = new Map<string, number>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return byName;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name =
        tid === String(process.pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const us = ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
      byName.set(name, (byName.get(name) ?? 0) + us);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return byName;
}

/** Per-name CPU between two snapshots, largest first, as `name µs/unit` text. */
export function threadCpuDiff(a: Map<string, number>, b: Map<string, number>, units: number): string {
  return [...b]
    .map(([name, us]) => [name, (us - (a.get(name) ?? 0)) / units] as const)
    .filter(([, us]) => us >= 0.05)
    .sort((x, y) => y[1] - x[1])
    .map(([name, us]) => `${name} ${us.toFixed(1)}`)
    .join(', ');
}

/**
 * The host's speed right now: milliseconds for a fixed piece of JavaScript work (JSON and
 * SHA-256 over a 600-character line, 5,000 times; median of 5), run while nothing else runs in
 * the process. On this machine type the same code runs up to a third slower from one minute to
 * the next, so the bench prints this beside each phase: two runs' CPU per line compare fairly
 * only at a similar probe.
 */
export function hostSpeedProbe(): number {
  const line = JSON.stringify({ text: 'x'.repeat(560), n: 12345, list: [1, 2, 3] });
  const rounds: number[] = [];
  let sink = 0;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 5_000; i++) {
      const o = JSON.parse(line) as { n: number };
      o.n = i;
      sink += hash('sha256', JSON.stringify(o), 'hex').charCodeAt(0);
    }
    rounds.push(performance.now() - t0);
  }
  if (sink === -1) console.log(sink);
  return rounds.sort((a, b) => a - b)[2];
}
