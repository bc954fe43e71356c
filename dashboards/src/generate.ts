import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARDS, dashboardJson } from './index';

/**
 * `npm run dashboards`: writes dashboards/generated/<file>.json for every dashboard and removes
 * generated files of dashboards that no longer exist. The JSON is committed; a unit test fails
 * when it differs from what this would write.
 */
// npm runs scripts from the repository root.
const GENERATED_DIR = join(process.cwd(), 'dashboards', 'generated');

function main(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const wanted = new Set(DASHBOARDS.map((d) => `${d.file}.json`));
  for (const f of readdirSync(dir)) if (f.endsWith('.json') && !wanted.has(f)) rmSync(join(dir, f));
  for (const d of DASHBOARDS) writeFileSync(join(dir, `${d.file}.json`), dashboardJson(d));
  console.log(`${DASHBOARDS.length} dashboards written to ${dir}`);
}

main(process.argv[2] ?? GENERATED_DIR);
