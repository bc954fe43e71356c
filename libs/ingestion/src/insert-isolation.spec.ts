import { insertIsolating } from './insert-isolation';

const poison = Object.assign(new Error('Code: 25. DB::Exception: Cannot parse escape sequence'), {
  clickhouseCode: 25,
});

/** A fake table: refuses any insert holding a row that starts with "bad", remembers tokens. */
function fakeTable() {
  const stored: string[] = [];
  const tokens = new Set<string>();
  const calls: string[][] = [];
  const insert = (rows: readonly string[], token: string) => {
    calls.push([...rows]);
    if (rows.some((r) => r.startsWith('bad'))) return Promise.reject(poison);
    if (!tokens.has(token)) stored.push(...rows);
    tokens.add(token);
    return Promise.resolve();
  };
  return { stored, tokens, calls, insert };
}

describe('insertIsolating', () => {
  it('inserts a clean batch at once', async () => {
    const t = fakeTable();
    expect(await insertIsolating(['a', 'b', 'c'], 'tok', (r) => r, t.insert)).toEqual([]);
    expect(t.stored).toEqual(['a', 'b', 'c']);
    expect(t.calls).toHaveLength(1);
  });

  it('isolates the poison rows and stores every other row exactly once', async () => {
    const t = fakeTable();
    const rows = Array.from({ length: 37 }, (_, i) => (i === 5 || i === 30 ? `bad${i}` : `ok${i}`));
    const poisoned = await insertIsolating(rows, 'tok', (r) => r, t.insert);
    expect(poisoned.map((p) => p.row)).toEqual(['bad5', 'bad30']);
    expect(poisoned[0].error).toBe(poison);
    expect([...t.stored].sort()).toEqual(rows.filter((r) => r.startsWith('ok')).sort());
  });

  it('never drops rows on a retry that splits a different set (tokens follow content)', async () => {
    const t = fakeTable();
    const down = new Error('connect ECONNREFUSED');
    let outage = true;
    const flaky = (rows: readonly string[], token: string) => {
      if (outage && rows.length === 1 && rows[0] === 'ok3') {
        outage = false;
        return Promise.reject(down);
      }
      return t.insert(rows, token);
    };
    // First attempt: [ok1, ok2] is stored as the left half, then the engine goes away.
    await expect(insertIsolating(['ok1', 'ok2', 'ok3', 'bad4'], 'tok', (r) => r, flaky)).rejects.toBe(down);
    // The retry leaves out what is known stored: [ok3] is now a left half too.
    const poisoned = await insertIsolating(['ok3', 'bad4'], 'tok', (r) => r, flaky);
    expect(poisoned.map((p) => p.row)).toEqual(['bad4']);
    expect([...t.stored].sort()).toEqual(['ok1', 'ok2', 'ok3']);
  });

  it('passes on errors that are not about the data, for the caller to retry', async () => {
    const down = new Error('Code: 60. DB::Exception: Table t.x does not exist');
    await expect(
      insertIsolating(
        ['a'],
        'tok',
        (r) => r,
        () => Promise.reject(down),
      ),
    ).rejects.toBe(down);
  });
});
