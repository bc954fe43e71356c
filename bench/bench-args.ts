/**
 * The `--name value` options of a bench script (a `--flag` without a value is `'true'`), e.g.
 * `--lines 200000 --quick` -> { lines: '200000', quick: 'true' }.
 */
export function benchArgs(argv: readonly string[] = process.argv.slice(2)): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[a.slice(2)] = 'true';
    else out[a.slice(2)] = argv[++i];
  }
  return out;
}
