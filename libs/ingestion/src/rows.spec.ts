import { SAMPLE_AANLEVERING } from '../../../test/support/aanlevering-row';
import {
  AANLEVERING_COLUMNS,
  EVENT_COLUMNS,
  EventRow,
  aanleveringRowTsv,
  chDateTime,
  eventRowLine,
  parseEventRowLine,
} from './rows';

describe('eventRowLine', () => {
  it('writes every column, in EVENT_COLUMNS order', () => {
    // A distinct value per column, so a swapped pair shows.
    const row = Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, `${c}-${i}`])) as unknown as EventRow;
    const values = JSON.parse(eventRowLine(row)) as unknown[];
    expect(values).toEqual(EVENT_COLUMNS.map((c) => row[c]));
    expect(parseEventRowLine(eventRowLine(row))).toEqual(row);
  });
});

describe('aanleveringRowTsv', () => {
  const row = SAMPLE_AANLEVERING;

  it('writes every column, in AANLEVERING_COLUMNS order', () => {
    const fields = aanleveringRowTsv(row).split('\t');
    expect(fields).toHaveLength(AANLEVERING_COLUMNS.length);
    const text = (v: unknown) => (typeof v === 'object' ? "{'F-1':2,'F-2':1}" : String(v));
    expect(fields).toEqual(AANLEVERING_COLUMNS.map((c) => text(row[c])));
  });

  it('escapes tabs, newlines, backslashes and quotes, so a row stays one line of 18 fields', () => {
    const line = aanleveringRowTsv({
      ...row,
      participant_id: 'a\tb\nc\\d',
      technisch_ok: false,
      message_error: "it's",
      functional_errors: { "x'\t\\": 1 },
    });
    expect(line).not.toContain('\n');
    const fields = line.split('\t');
    expect(fields).toHaveLength(AANLEVERING_COLUMNS.length);
    expect(fields[1]).toBe('a\\tb\\nc\\\\d');
    expect(fields[14]).toBe('false');
    expect(fields[15]).toBe("it's");
    expect(fields[16]).toBe("{'x\\'\\t\\\\':1}");
    expect(aanleveringRowTsv({ ...row, functional_errors: {} }).split('\t')[16]).toBe('{}');
  });
});

describe('chDateTime', () => {
  /** The plain definition: ISO text with a space for the T, without the Z. */
  const reference = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, -1);

  it('equals the ISO text at day, hour and millisecond boundaries and far from now', () => {
    const instants = [
      0,
      -1,
      Date.UTC(2026, 10, 30, 23, 59, 59, 999),
      Date.UTC(2026, 11, 1, 0, 0, 0, 0),
      Date.UTC(2024, 1, 29, 12, 0, 0, 7),
      Date.UTC(1969, 11, 31, 23, 59, 59, 1),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(1000, 0, 1, 1, 2, 3, 45),
    ];
    for (const ms of instants) expect(chDateTime(ms)).toBe(reference(ms));
  });

  it('equals the ISO text for 20,000 random instants, alternating days (the date part is cached)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor(Date.UTC(2020, 0, 1) + random() * 10 * 365 * 86_400_000);
      expect(chDateTime(ms)).toBe(reference(ms));
    }
  });

  it('truncates a fractional millisecond like Date, and refuses what Date refuses', () => {
    expect(chDateTime(1_700_000_000_123.9)).toBe(reference(1_700_000_000_123));
    expect(() => chDateTime(Number.NaN)).toThrow(RangeError);
  });
});
