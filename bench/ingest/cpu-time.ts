import { readFileSync } from 'node:fs';

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
