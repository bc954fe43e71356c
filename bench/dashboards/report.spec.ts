import { PanelResult } from './panels';
import { verdicts } from './report';
import { percentile } from './timing';

const result = (range: string, p95: number, error?: string): PanelResult => ({
  dashboard: 'deelnemer',
  panel: 'Hop-latenties',
  refId: 'A',
  case: 'dva dva-0',
  range,
  panelTiming: { p50: p95 / 2, p95, max: p95, runs: 15, rows: 8, ...(error ? { error } : {}) },
  sql: `SELECT ${range}`,
});

describe('bench/dashboards verdicts', () => {
  it('judge a panel by its slowest p95 over ranges and cases', () => {
    const [v] = verdicts([result('30d', 520), result('24h', 40), result('6h', 30)], 500);
    expect(v).toMatchObject({ met: false, worstP95: 520, worstAt: '30d dva dva-0', sql: 'SELECT 30d' });
    expect(verdicts([result('30d', 499), result('6h', 30)], 500)[0].met).toBe(true);
  });

  it('count a failing query as missed, naming the error', () => {
    const [v] = verdicts([result('30d', 20), result('6h', NaN, 'Unknown table')], 500);
    expect(v).toMatchObject({ met: false, error: 'Unknown table', worstAt: '6h dva dva-0' });
  });

  it('take percentiles as the nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect([percentile(values, 50), percentile(values, 95), percentile([7], 95)]).toEqual([10, 19, 7]);
  });
});
