import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Path of a built app; the test command builds before the end-to-end tests run. */
export function builtApp(app: string): string {
  const main = join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
  if (!existsSync(main))
    throw new Error(`${main} is missing: run \`npm run build\` first (the test command does)`);
  return main;
}

/**
 * Starts a built app as a child process with the given environment. Its output goes to
 * `logFile` (appended), never to a pipe nobody reads (a full pipe would block the child).
 */
export function spawnApp(app: string, env: Record<string, string>, logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts', 'register-aliases.js'), builtApp(app)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  return child;
}

/** Runs the admin CLI to completion and returns its stdout lines parsed as JSON. */
export function cliQuery<T>(sql: string, env: Record<string, string>): T[] {
  const out = spawnSync(
    process.execPath,
    ['-r', join(ROOT, 'scripts', 'register-aliases.js'), builtApp('cli'), 'query', sql],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    },
  );
  if (out.status !== 0) throw new Error(`cli query failed (${out.status}): ${out.stderr}`);
  return out.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Reads one metric value (summed over labels) from a Prometheus text endpoint; undefined when unreachable. */
export async function scrapeMetric(url: string, name: string): Promise<number | undefined> {
  try {
    const text = await (await fetch(url)).text();
    let sum = 0;
    let seen = false;
    for (const lineText of text.split('\n')) {
      if (lineText.startsWith(`${name} `) || lineText.startsWith(`${name}{`)) {
        sum += Number(lineText.slice(lineText.lastIndexOf(' ') + 1));
        seen = true;
      }
    }
    return seen ? sum : 0;
  } catch {
    return undefined;
  }
}
