/** Positional arguments and `--flag value` / `--flag` pairs. */
export interface CliArgs {
  readonly positional: string[];
  readonly flags: Record<string, string>;
}

export function parseCliArgs(argv: string[]): CliArgs {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) {
      flags[a.slice(2, eq)] = a.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) flags[a.slice(2)] = 'true';
    else flags[a.slice(2)] = argv[++i];
  }
  return { positional, flags };
}
