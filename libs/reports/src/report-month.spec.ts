import { previousMonth, reportMonth } from './report-month';
import { ReportError } from './report.error';

describe('reportMonth (Europe/Amsterdam)', () => {
  it('starts a winter month at 23:00 UTC the day before', () => {
    const m = reportMonth('2026-01');
    expect(new Date(m.fromMs).toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(new Date(m.toMs).toISOString()).toBe('2026-01-31T23:00:00.000Z');
    expect(m.hours).toBe(31 * 24);
  });

  it('starts a summer month at 22:00 UTC the day before', () => {
    const m = reportMonth('2026-07');
    expect(new Date(m.fromMs).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(new Date(m.toMs).toISOString()).toBe('2026-07-31T22:00:00.000Z');
    expect(m.hours).toBe(31 * 24);
  });

  it('gives October one hour more (DST ends) and March one hour less (DST starts)', () => {
    const oct = reportMonth('2026-10');
    expect(new Date(oct.fromMs).toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(new Date(oct.toMs).toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(oct.hours).toBe(745);
    const mar = reportMonth('2026-03');
    expect(new Date(mar.fromMs).toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(new Date(mar.toMs).toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(mar.hours).toBe(743);
  });

  it('crosses the year in December', () => {
    const m = reportMonth('2026-12');
    expect(new Date(m.toMs).toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it.each(['2026-13', '2026-1', '26-10', '', '2026-10-01', 'oktober'])('rejects %p', (bad) => {
    expect(() => reportMonth(bad)).toThrow(ReportError);
  });

  it('defaults to the previous local month', () => {
    expect(previousMonth(Date.parse('2026-11-30T12:00:00Z'))).toBe('2026-10');
    // 23:30 UTC on 31 December is already January in Amsterdam.
    expect(previousMonth(Date.parse('2026-12-31T23:30:00Z'))).toBe('2026-12');
    expect(previousMonth(Date.parse('2026-01-15T00:00:00Z'))).toBe('2025-12');
  });
});
