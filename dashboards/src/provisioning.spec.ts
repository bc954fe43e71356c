import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DASHBOARDS, buildDashboard } from './index';
import { DATASOURCES } from './panel-kit';

const PROVISIONING = join(__dirname, '..', '..', 'deploy', 'grafana', 'provisioning');

interface Datasource {
  name: string;
  uid: string;
  type: string;
  access?: string;
  url?: string;
  user?: string;
  jsonData?: Record<string, unknown>;
  secureJsonData?: Record<string, unknown>;
}

const read = (path: string) =>
  parse(readFileSync(join(PROVISIONING, path), 'utf8')) as Record<string, unknown>;
const datasources = () => (read('datasources/ketenmonitor.yaml').datasources ?? []) as Datasource[];
/** `${VAR}` or `$__env{VAR}`: Grafana expands it from its environment when provisioning. */
const FROM_ENV = /^(\$\{[A-Z0-9_]+\}|\$__env\{[A-Z0-9_]+\})$/;

/** Every datasource reference (uid + type) anywhere in a dashboard's JSON. */
function references(node: unknown, into: Array<{ uid: string; type?: string }> = []) {
  if (Array.isArray(node)) node.forEach((n) => references(n, into));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'datasource' && value && typeof value === 'object' && 'uid' in value) {
        into.push(value as { uid: string; type?: string });
      } else references(value, into);
    }
  }
  return into;
}

describe('Grafana provisioning (deploy/grafana/provisioning)', () => {
  it('provisions the ClickHouse, PostgreSQL and Prometheus datasources with the keys Grafana needs', () => {
    expect(read('datasources/ketenmonitor.yaml').apiVersion).toBe(1);
    const byUid = new Map(datasources().map((d) => [d.uid, d]));
    expect(byUid.size).toBe(datasources().length);
    for (const d of datasources()) {
      expect(d).toMatchObject({
        name: expect.any(String),
        uid: expect.any(String),
        type: expect.any(String),
      });
      expect(d.access).toBe('proxy');
    }
    const ch = byUid.get(DATASOURCES.clickhouse.uid);
    expect(ch?.type).toBe('grafana-clickhouse-datasource');
    expect(ch?.jsonData).toMatchObject({
      host: expect.stringMatching(FROM_ENV),
      port: expect.any(Number),
      protocol: expect.stringMatching(/^(http|native)$/),
      username: expect.stringMatching(FROM_ENV),
      defaultDatabase: expect.stringMatching(FROM_ENV),
    });
    const pg = byUid.get(DATASOURCES.postgres.uid);
    expect(pg?.type).toBe('grafana-postgresql-datasource');
    expect(pg?.url).toMatch(/^\$\{[A-Z0-9_]+\}:\$\{[A-Z0-9_]+\}$/);
    expect(pg?.user).toMatch(FROM_ENV);
    expect(pg?.jsonData).toMatchObject({ database: expect.stringMatching(FROM_ENV) });
    const prom = byUid.get(DATASOURCES.prometheus.uid);
    expect(prom?.type).toBe('prometheus');
    expect(prom?.url).toMatch(FROM_ENV);
  });

  it('takes every secret from the environment, never from the file', () => {
    const secrets = datasources().flatMap((d) => Object.entries(d.secureJsonData ?? {}));
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    for (const [key, value] of secrets)
      expect({ key, value }).toEqual({ key, value: expect.stringMatching(FROM_ENV) });
  });

  it('loads the generated dashboards with a file provider', () => {
    const file = read('dashboards/ketenmonitor.yaml');
    expect(file.apiVersion).toBe(1);
    const providers = file.providers as Array<Record<string, unknown>>;
    expect(providers).toHaveLength(1);
    expect(providers[0]).toMatchObject({
      name: expect.any(String),
      type: 'file',
      folder: expect.any(String),
      options: { path: expect.stringMatching(/^\/.+/) },
    });
  });

  it('provisions every datasource uid a dashboard refers to, with the same type', () => {
    const byUid = new Map(datasources().map((d) => [d.uid, d.type]));
    for (const d of DASHBOARDS) {
      const refs = references(buildDashboard(d));
      expect(refs.length).toBeGreaterThan(0);
      for (const r of refs) {
        expect({ dashboard: d.uid, uid: r.uid, type: byUid.get(r.uid) }).toEqual({
          dashboard: d.uid,
          uid: r.uid,
          type: r.type,
        });
      }
    }
  });
});
