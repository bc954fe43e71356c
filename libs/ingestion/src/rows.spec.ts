import {
  AANLEVERING_COLUMNS,
  AanleveringRow,
  EVENT_COLUMNS,
  EventRow,
  aanleveringRowLine,
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

describe('aanleveringRowLine', () => {
  it('writes every column, in AANLEVERING_COLUMNS order', () => {
    const row = Object.fromEntries(
      AANLEVERING_COLUMNS.map((c, i) => [c, `${c}-${i}`]),
    ) as unknown as AanleveringRow;
    expect(JSON.parse(aanleveringRowLine(row))).toEqual(AANLEVERING_COLUMNS.map((c) => row[c]));
  });
});
