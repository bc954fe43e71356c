import { SAMPLE_AANLEVERING } from '../../../test/support/aanlevering-row';
import { BodyBuilder } from './row-arena';
import {
  AanleveringRow,
  EVENT_COLUMNS,
  EventRow,
  PACKED_AANLEVERING_COLUMNS,
  chDateTime,
  eventRowLine,
  parseEventRowLine,
  writePackedAanleveringen,
} from './rows';

describe('eventRowLine', () => {
  // A distinct value per column (strings, numbers, a boolean, arrays), so a swapped pair shows.
  const row: EventRow = {
    event_uid: '0b1a8c2e-7f11-8449-8466-ed43c511eeb7',
    participant_id: 'pgo-a',
    participant_role: 'DVP',
    event_type: 'ophalen_gegevens',
    event_step: 7,
    event_class: 'bevestigd',
    event_time: '2026-11-30 10:15:00.123',
    event_utc_offset_minutes: 60,
    event_location: 'pgo-a.example.nl',
    location_participant_id: 'pgo-b',
    session_id: '11111111-2222-4333-8444-555555555555',
    trace_id: '66666666-7777-4888-8999-000000000000',
    request_id: 'req-1',
    request_method: 'get',
    request_client_id: 'client.example.nl',
    request_server_id: 'server.example.nl',
    client_participant_id: 'pgo-c',
    server_participant_id: 'dva-d',
    request_uri: 'https://server.example.nl/fhir/Patient?x=1',
    request_initiated_by: 'burger',
    response_request_id: 'req-2',
    response_status: 201,
    error_code: 'invalid_grant',
    error_description: 'token expired',
    zorgaanbieder: 'za-1',
    gegevensdiensten: ['48', '49'],
    valid: false,
    error_codes: ['F-1', 'F-2'],
    error_messages: ['one', 'two'],
    catalog_version: '2026.1',
    aanlevering_id: '3fb16485-ff06-875a-8000-000000000002',
    line_index: 3,
    source: 'kafka',
    kafka_topic: 'ketenlog.pgo-a',
    kafka_partition: 2,
    kafka_offset: '123456789012',
    received_at: '2026-11-30 10:15:01.000',
  };
  const stringified = (r: EventRow) => JSON.stringify(EVENT_COLUMNS.map((c) => r[c]));

  it('writes every column, in EVENT_COLUMNS order, as JSON.stringify of the values would', () => {
    expect(new Set(EVENT_COLUMNS.map((c) => JSON.stringify(row[c]))).size).toBe(EVENT_COLUMNS.length);
    expect(eventRowLine(row)).toBe(stringified(row));
    expect(parseEventRowLine(eventRowLine(row))).toEqual(row);
  });

  it('escapes awkward strings in every text column', () => {
    // Quotes, backslashes, control characters, a lone surrogate and non-ASCII text, in every
    // column the processor fills from a participant's free text or from the registry.
    const awkward = 'a"b\\c\n\u0001\ud800é€';
    const free = [
      'participant_id',
      'participant_role',
      'event_class',
      'location_participant_id',
      'request_id',
      'client_participant_id',
      'server_participant_id',
      'request_uri',
      'request_initiated_by',
      'response_request_id',
      'error_code',
      'error_description',
      'zorgaanbieder',
      'catalog_version',
    ] as const;
    const odd = { ...row } as Record<string, unknown>;
    for (const c of free) odd[c] = `${c}:${awkward}`;
    odd.gegevensdiensten = [awkward, ''];
    odd.error_codes = [awkward];
    odd.error_messages = [`"${awkward}"`, 'plain'];
    const text = eventRowLine(odd as unknown as EventRow);
    expect(text).toBe(stringified(odd as unknown as EventRow));
    expect(parseEventRowLine(text)).toEqual(odd);
    const empty = { ...row, gegevensdiensten: [], error_codes: [], error_messages: [], valid: true };
    expect(eventRowLine(empty)).toBe(stringified(empty));
  });
});

describe('writePackedAanleveringen', () => {
  const row = SAMPLE_AANLEVERING;
  const packed = (rows: AanleveringRow[]) => {
    const out = new BodyBuilder(64);
    writePackedAanleveringen(rows, out);
    return out.bytes().toString('utf8');
  };
  const second: AanleveringRow = {
    ...row,
    aanlevering_id: '3fb16485-ff06-875a-8000-000000000002',
    received_at: '2026-11-30 15:13:46.001',
    kafka_offset: '7',
    message_chars: 12,
    line_count: 1,
    stored_count: 1,
    duplicate_count: 0,
    valid_count: 0,
    invalid_count: 1,
    rejected_count: 0,
    technisch_ok: false,
    message_error: 'M-1',
    functional_errors: {},
    processed_at: '2026-11-30 15:13:49.002',
  };

  it('writes a run of one partition as one line: the shared columns, then an array per column', () => {
    const text = packed([row, second]);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(1);
    const fields = lines[0].split('\t');
    expect(fields).toHaveLength(PACKED_AANLEVERING_COLUMNS.length);
    // Column by column, in PACKED_AANLEVERING_COLUMNS order.
    expect(fields).toEqual([
      'dva-a',
      'kafka',
      'ketenlog.dva-a',
      '3',
      "['3fb16485-ff06-875a-8000-1a2c6eadcfce','3fb16485-ff06-875a-8000-000000000002']",
      "['2026-11-30 15:13:45.574','2026-11-30 15:13:46.001']",
      '[18446744073709551615,7]',
      '[306,12]',
      '[7,1]',
      '[6,1]',
      '[5,0]',
      '[4,0]',
      '[2,1]',
      '[1,0]',
      '[true,false]',
      "['','M-1']",
      "[{'F-1':2,'F-2':1},{}]",
      "['2026-11-30 15:13:48.832','2026-11-30 15:13:49.002']",
    ]);
  });

  it('starts a new line when the partition, topic, participant or channel changes', () => {
    const rows = [
      row,
      row,
      { ...row, kafka_partition: 4 },
      { ...row, kafka_topic: 'ketenlog.other', participant_id: 'ketenlog.other' },
      { ...row, channel: 'http' as const },
      row,
    ];
    const lines = packed(rows).slice(0, -1).split('\n');
    const runs = lines.map((l) => l.split('\t').slice(0, 4).join(' '));
    expect(runs).toEqual([
      'dva-a kafka ketenlog.dva-a 3',
      'dva-a kafka ketenlog.dva-a 4',
      'ketenlog.other kafka ketenlog.other 3',
      'dva-a http ketenlog.dva-a 3',
      'dva-a kafka ketenlog.dva-a 3',
    ]);
    // Every array of a line has one element per row of its run.
    expect(lines[0].split('\t')[6]).toBe('[18446744073709551615,18446744073709551615]');
    expect(lines[1].split('\t')[6]).toBe('[18446744073709551615]');
  });

  it('escapes tabs, newlines, backslashes and quotes, so each run stays one line of 18 fields', () => {
    const text = packed([
      {
        ...row,
        participant_id: 'a\tb\nc\\d',
        message_error: "it's",
        functional_errors: { "x'\t\\": 1 },
      },
    ]);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(1);
    const fields = lines[0].split('\t');
    expect(fields).toHaveLength(PACKED_AANLEVERING_COLUMNS.length);
    expect(fields[0]).toBe('a\\tb\\nc\\\\d');
    expect(fields[15]).toBe("['it\\'s']");
    expect(fields[16]).toBe("[{'x\\'\\t\\\\':1}]");
  });

  it('writes nothing for no rows', () => {
    expect(packed([])).toBe('');
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
