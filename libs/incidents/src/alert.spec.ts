import { Alert, alertDedupKey, foldAlerts } from './alert';

const a = (entity: string, state: Alert['state'], summary = ''): Alert => ({
  entity,
  rule: 'r',
  tier: 'page',
  state,
  summary,
});

describe('alerts', () => {
  it('keys alerts by (entity, rule, tier) without ambiguity', () => {
    expect(alertDedupKey({ entity: 'a|b', rule: 'c', tier: 'd' })).not.toBe(
      alertDedupKey({ entity: 'a', rule: 'b|c', tier: 'd' }),
    );
  });

  it('folds consecutive alerts of one key and state, keeps order and every position', () => {
    const runs = foldAlerts([
      a('x', 'firing', '1'),
      a('y', 'firing'),
      a('x', 'firing', '2'),
      a('x', 'cleared'),
      a('x', 'firing', '3'),
    ]);
    const x = runs.get(alertDedupKey(a('x', 'firing'))) ?? [];
    expect(x.map((r) => [r.alert.state, r.count, r.indexes, r.alert.summary])).toEqual([
      ['firing', 2, [0, 2], '2'],
      ['cleared', 1, [3], ''],
      ['firing', 1, [4], '3'],
    ]);
    expect(runs.get(alertDedupKey(a('y', 'firing')))?.[0].indexes).toEqual([1]);
  });

  it('folds a storm of 10,000 alerts over 50 keys into 50 runs quickly', () => {
    const storm = Array.from({ length: 10_000 }, (_, i) => a(`e${i % 50}`, 'firing'));
    const runs = foldAlerts(storm);
    expect(runs.size).toBe(50);
    expect([...runs.values()].every((r) => r.length === 1 && r[0].count === 200)).toBe(true);
  });
});
