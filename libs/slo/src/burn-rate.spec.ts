import { budgetRemaining, burnRate, sliRatio } from './burn-rate';

describe('burn-rate math (event-weighted)', () => {
  it('computes SLI, burn rate and remaining budget from good/total', () => {
    // 1,000 chains, 3 bad, target 99.9%: allowed bad = 1; SLI 0.997; burn 0.003 / 0.001 = 3; budget 1 - 3/1 = -2.
    const c = { good: 997, total: 1000 };
    expect(sliRatio(c)).toBeCloseTo(0.997, 10);
    expect(burnRate(c, 0.999)).toBeCloseTo(3, 10);
    expect(budgetRemaining(c, 0.999)).toBeCloseTo(-2, 10);
    // 10,000 chains, 4 bad at 99.9%: allowed 10, used 4 -> 60% left; burn 0.4.
    expect(budgetRemaining({ good: 9996, total: 10000 }, 0.999)).toBeCloseTo(0.6, 10);
    expect(burnRate({ good: 9996, total: 10000 }, 0.999)).toBeCloseTo(0.4, 10);
  });

  it('has no value without events', () => {
    expect(sliRatio({ good: 0, total: 0 })).toBeNull();
    expect(burnRate({ good: 0, total: 0 }, 0.99)).toBeNull();
    expect(budgetRemaining({ good: 0, total: 0 }, 0.99)).toBeNull();
  });
});
