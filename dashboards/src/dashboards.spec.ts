import Ajv from 'ajv';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARD_SCHEMA } from './dashboard-schema';
import { DASHBOARDS, buildDashboard, dashboardJson, panelQueries } from './index';

const GENERATED = join(__dirname, '..', 'generated');

describe('dashboards as code', () => {
  it('has committed generated JSON identical to what `npm run dashboards` writes', () => {
    const stale = DASHBOARDS.filter((d) => {
      let text: string;
      try {
        text = readFileSync(join(GENERATED, `${d.file}.json`), 'utf8');
      } catch {
        return true;
      }
      return text !== dashboardJson(d);
    }).map((d) => d.file);
    expect({ stale, hint: 'run npm run dashboards and commit dashboards/generated' }).toEqual({
      stale: [],
      hint: expect.any(String),
    });
    const files = readdirSync(GENERATED).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(DASHBOARDS.map((d) => `${d.file}.json`).sort());
  });

  it('builds dashboard JSON with every field Grafana requires', () => {
    const validate = new Ajv({ allErrors: true }).compile(DASHBOARD_SCHEMA);
    for (const d of DASHBOARDS) {
      const json = JSON.parse(dashboardJson(d));
      expect({ uid: d.uid, errors: validate(json) ? null : validate.errors }).toEqual({
        uid: d.uid,
        errors: null,
      });
    }
  });

  it('gives unique uids, unique panel ids and titles, and panels inside the grid', () => {
    expect(new Set(DASHBOARDS.map((d) => d.uid)).size).toBe(DASHBOARDS.length);
    for (const d of DASHBOARDS) {
      const built = buildDashboard(d);
      const panels = (built.panels ?? []) as Array<{
        id: number;
        title: string;
        gridPos: { x: number; w: number };
      }>;
      expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
      expect(new Set(panels.map((p) => p.title)).size).toBe(panels.length);
      for (const p of panels) expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
  });

  it('lists every panel target as a query spec with the text of the JSON', () => {
    const specs = panelQueries();
    for (const d of DASHBOARDS) {
      const json = JSON.parse(dashboardJson(d)) as {
        panels: Array<{ title: string; targets: Array<{ refId: string; rawSql?: string; expr?: string }> }>;
      };
      for (const p of json.panels) {
        for (const t of p.targets) {
          const spec = specs.find((s) => s.dashboard === d.uid && s.panel === p.title && s.refId === t.refId);
          expect(spec?.sql).toBe(t.rawSql ?? t.expr);
        }
      }
    }
    expect(specs.length).toBe(
      DASHBOARDS.reduce((n, d) => n + d.panels.reduce((m, p) => m + p.targets.length, 0), 0),
    );
  });

  it('links only to dashboards and variables that exist', () => {
    const links = DASHBOARDS.flatMap((d) => d.panels.flatMap((p) => p.links ?? []));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      const m = /^\/d\/([\w-]+)\/[\w-]+\?(.*)$/.exec(link.url);
      const target = DASHBOARDS.find((d) => d.uid === m?.[1]);
      expect({ url: link.url, target: target?.uid }).toEqual({ url: link.url, target: m?.[1] });
      for (const [, name] of (m?.[2] ?? '').matchAll(/var-(\w+)=/g)) {
        expect(target?.variables.map((v) => v.name)).toContain(name);
      }
    }
  });
});
