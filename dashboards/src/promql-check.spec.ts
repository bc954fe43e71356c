import { checkPromql } from './promql-check';

describe('PromQL check', () => {
  it('returns the selected metrics of well-formed expressions', () => {
    expect(checkPromql('sum(rate(a_total[5m]))')).toEqual(['a_total']);
    expect(
      checkPromql('histogram_quantile(0.95, sum by (le, table) (rate(x_seconds_bucket{table!="y"}[15m])))'),
    ).toEqual(['x_seconds_bucket']);
    expect(checkPromql('max by (slo, window) (b{entity="${role}:${participant}"}) / on (slo) c')).toEqual([
      'b',
      'c',
    ]);
  });

  it.each([
    ['sum(rate(a_total[5m])', /unclosed/],
    ['rate(a_total)', /range vector/],
    ['a{entity=x}', /label matcher/],
    ['a[5q]', /duration/],
    ['summ(a)', /unknown function/],
    ['a ) (', /unbalanced/],
    ['sum(1)', /no metric/],
  ])('refuses %s', (expr, message) => {
    expect(() => checkPromql(expr)).toThrow(message);
  });
});
