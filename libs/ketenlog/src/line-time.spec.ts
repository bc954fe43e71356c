import { lineTimeMs } from './line-time';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Object.is: NaN equals NaN, so "both refuse" counts as agreement. */
function expectSameAsDateParse(texts: readonly string[]): void {
  const differing = texts.filter((t) => !Object.is(lineTimeMs(t), Date.parse(t)));
  expect(differing.map((t) => `${t}: ${lineTimeMs(t)} vs ${Date.parse(t)}`)).toEqual([]);
}

describe('lineTimeMs', () => {
  it('gives what Date.parse gives for every day of the year, in leap and common years', () => {
    const texts: string[] = [];
    for (const year of [100, 1582, 1900, 1970, 1999, 2000, 2024, 2026, 2100, 9999]) {
      for (let month = 1; month <= 12; month++) {
        // Day 29 to 31 of short months roll over into the next month, as Date.parse does.
        for (let day = 1; day <= 31; day++) {
          texts.push(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T12:34:56Z`);
        }
      }
    }
    expectSameAsDateParse(texts);
  });

  it('gives what Date.parse gives for every time of day, fraction length and offset', () => {
    const fractions = ['', '.1', '.12', '.123', '.1234', '.999999999', '.000000001', '.5'];
    const offsets = [
      'Z',
      '+00:00',
      '-00:00',
      '+01:00',
      '-01:00',
      '+05:45',
      '-09:30',
      '+14:00',
      '-12:00',
      '+23:59',
    ];
    const texts: string[] = [];
    for (let hour = 0; hour <= 23; hour++) {
      for (const minute of [0, 1, 30, 59]) {
        for (const second of [0, 7, 59]) {
          for (const fraction of fractions) {
            for (const offset of offsets) {
              texts.push(
                `2026-03-29T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction}${offset}`,
              );
            }
          }
        }
      }
    }
    expectSameAsDateParse(texts);
    expect(lineTimeMs('2026-11-30T10:15:00.123+01:00')).toBe(Date.UTC(2026, 10, 30, 9, 15, 0, 123));
  });

  it('leaves the unusual values to Date.parse, and agrees with it on each', () => {
    expectSameAsDateParse([
      '2026-01-01T24:00:00Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T24:00:00.001Z',
      '2026-01-01T24:00:01Z',
      '2026-01-01T23:60:00Z',
      '2026-01-01T23:59:60Z',
      '2026-13-01T00:00:00Z',
      '2026-00-01T00:00:00Z',
      '2026-01-00T00:00:00Z',
      '2026-01-32T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '0050-06-15T00:00:00Z',
      '0099-12-31T23:59:59Z',
      '2026-01-01T00:00:00+24:00',
      '2026-01-01T00:00:00-00:60',
      '2026-01-01T00:00:00.Z',
      '2026-01-01T00:00:00.1234567890Z',
      '2026-01-01T00:00:00',
      '2026-01-01 00:00:00Z',
      '2026-01-01T00:00:00z',
      '2026-01-01T00:00:00+0100',
      '2026-01-01T00:00:00+01:00Z',
      '2026-1-01T00:00:00Z',
      '',
      'not a time',
    ]);
  });

  it('agrees with Date.parse on text mutated one character at a time', () => {
    // Deterministic pseudo-random mutations of valid times: a replaced, dropped or inserted
    // character from the pattern's alphabet, so most results still look almost right.
    const alphabet = '0123456789-:T.Z+ ';
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const bases = ['2026-11-30T10:15:00.123+01:00', '2024-02-29T23:59:59Z', '1999-12-31T00:00:00.5-05:00'];
    const texts: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      const base = bases[next(bases.length)];
      const at = next(base.length + 1);
      const ch = alphabet[next(alphabet.length)];
      const kind = next(3);
      texts.push(
        kind === 0
          ? base.slice(0, at) + ch + base.slice(at + 1)
          : kind === 1
            ? base.slice(0, at) + base.slice(at + 1)
            : base.slice(0, at) + ch + base.slice(at),
      );
    }
    expectSameAsDateParse(texts);
    // The mutations must reach both outcomes, or the comparison proves little.
    expect(texts.filter((t) => Number.isFinite(lineTimeMs(t))).length).toBeGreaterThan(1000);
    expect(texts.filter((t) => Number.isNaN(lineTimeMs(t))).length).toBeGreaterThan(1000);
  });
});
