import { randomUUID } from 'node:crypto';
import { ClickHouseService, runMigrations } from '@app/clickhouse';
import { testClickHouse } from '../support/engines';

/**
 * ClickHouseService.queryWithSet: the collector's look-ups filter on sets of 20,000 uids. On the
 * embedded engine the set goes through a Set table instead of a bound array parameter; the
 * answers must be the same either way, for any value, and look-ups running at once must not see
 * each other's values.
 */
describe('ClickHouseService.queryWithSet', () => {
  let ch: ClickHouseService;

  beforeAll(async () => {
    ch = await testClickHouse();
    await ch.command(
      ch.sql('CREATE TABLE IF NOT EXISTS {{db}}.set_probe_test (id UUID, name String) ENGINE = Memory'),
    );
  });

  afterAll(() => ch?.close());

  const lookUp = (kind: 'UUID' | 'String', values: string[], minLength = 0) =>
    ch.queryWithSet<{ id: string; name: string }>(
      (set) =>
        ch.sql(
          `SELECT toString(id) AS id, name FROM {{db}}.set_probe_test WHERE ${kind === 'UUID' ? 'id' : 'name'} IN ${set} AND length(name) >= {min:UInt32} ORDER BY name`,
        ),
      { min: minLength },
      { type: kind, values },
    );

  it('finds exactly the stored values among many, and binds the other parameters', async () => {
    const stored = Array.from({ length: 50 }, (_, i) => ({
      id: randomUUID(),
      name: `n${String(i).padStart(2, '0')}`,
    }));
    await ch.insert('set_probe_test', stored);
    const asked = [
      ...stored.slice(0, 10).map((s) => s.id),
      ...Array.from({ length: 20_000 }, () => randomUUID()),
    ];
    const found = await lookUp('UUID', asked);
    expect(found.map((f) => f.id)).toEqual(stored.slice(0, 10).map((s) => s.id));
    expect(await lookUp('UUID', asked, 4)).toEqual([]);
  });

  it('keeps values with tabs, newlines and backslashes intact', async () => {
    const awkward = ['a\tb', 'line\nbreak', 'back\\slash', "quote'", 'plain'];
    await ch.insert(
      'set_probe_test',
      awkward.map((name) => ({ id: randomUUID(), name })),
    );
    const found = await lookUp('String', [...awkward, 'a', 'b', 'back', 'line']);
    expect(found.map((f) => f.name).sort()).toEqual([...awkward].sort());
  });

  it('answers an empty set with no rows', async () => {
    expect(await lookUp('UUID', [])).toEqual([]);
  });

  it('keeps concurrent look-ups apart', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ id: randomUUID(), name: `c${i}` }));
    await ch.insert('set_probe_test', rows);
    const results = await Promise.all(
      [0, 1, 2, 3].map((k) =>
        lookUp(
          'UUID',
          rows.slice(k * 10, k * 10 + 10).map((r) => r.id),
        ),
      ),
    );
    results.forEach((found, k) =>
      expect(found.map((f) => f.id).sort()).toEqual(
        rows
          .slice(k * 10, k * 10 + 10)
          .map((r) => r.id)
          .sort(),
      ),
    );
  });

  it('leaves no look-up table behind once closed', async () => {
    const other = await testClickHouse();
    await other.queryWithSet(
      (set) => `SELECT count() AS n FROM (SELECT generateUUIDv4() AS id) WHERE id IN ${set}`,
      {},
      { type: 'UUID', values: [randomUUID()] },
    );
    const tablesOf = async () =>
      (
        await ch.query<{ name: string }>(
          `SELECT name FROM system.tables WHERE database = {db:String} AND startsWith(name, '_lookup_')`,
          { db: other.database },
        )
      ).map((t) => t.name);
    expect((await tablesOf()).length).toBeGreaterThan(0);
    await other.close();
    expect(await tablesOf()).toEqual([]);
  });

  it("drops another process's leftover look-up tables when migrations run (embedded: one process per directory)", async () => {
    if (process.env.CLICKHOUSE_URL) return;
    const leftover = `${ch.database}._lookup_${process.pid + 1}_1_uuid`;
    await ch.command(`CREATE TABLE ${leftover} (v UUID) ENGINE = Memory`);
    await lookUp('UUID', [randomUUID()]);
    await runMigrations(ch);
    const names = (
      await ch.query<{ name: string }>(
        `SELECT name FROM system.tables WHERE database = {db:String} AND startsWith(name, '_lookup_')`,
        { db: ch.database },
      )
    ).map((t) => t.name);
    expect(names).not.toContain(leftover.split('.')[1]);
    expect(names.some((n) => n.startsWith(`_lookup_${process.pid}_`))).toBe(true);
  });
});
