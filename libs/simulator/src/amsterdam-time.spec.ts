import { amsterdamDateTime, localDateTimeWithoutOffset } from './amsterdam-time';

describe('amsterdamDateTime', () => {
  it('writes summer time with +02:00 and winter time with +01:00', () => {
    expect(amsterdamDateTime(Date.parse('2025-09-22T14:30:00.123Z'))).toBe('2025-09-22T16:30:00.123+02:00');
    expect(amsterdamDateTime(Date.parse('2025-01-15T08:00:00.000Z'))).toBe('2025-01-15T09:00:00.000+01:00');
  });

  it('switches at 01:00 UTC on the last Sundays of March and October', () => {
    expect(amsterdamDateTime(Date.parse('2025-03-30T00:59:59.999Z'))).toBe('2025-03-30T01:59:59.999+01:00');
    expect(amsterdamDateTime(Date.parse('2025-03-30T01:00:00.000Z'))).toBe('2025-03-30T03:00:00.000+02:00');
    expect(amsterdamDateTime(Date.parse('2025-10-26T00:59:59.999Z'))).toBe('2025-10-26T02:59:59.999+02:00');
    expect(amsterdamDateTime(Date.parse('2025-10-26T01:00:00.000Z'))).toBe('2025-10-26T02:00:00.000+01:00');
  });

  it('round-trips: the written time parses back to the same instant', () => {
    for (let t = Date.parse('2024-01-01T00:00:00Z'); t < Date.parse('2026-01-01T00:00:00Z'); t += 3_599_999) {
      expect(Date.parse(amsterdamDateTime(t))).toBe(t);
    }
  });

  it('can leave the offset off (an invalid line)', () => {
    expect(localDateTimeWithoutOffset(Date.parse('2025-09-22T14:30:00.123Z'))).toBe(
      '2025-09-22T16:30:00.123',
    );
  });
});
