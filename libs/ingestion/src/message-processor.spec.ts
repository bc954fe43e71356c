import { loadCatalogRegistry, BSN_MASK } from '@app/ketenlog';
import { ConsumedMessage } from '@app/kafka';
import { ParticipantDirectory, readParticipantsFile } from '@app/participants';
import { line } from '../../../test/support/lines';
import { MessageProcessor } from './message-processor';
import { parseEventRowLine } from './rows';

const snapshot = readParticipantsFile('deploy/local/participants.json');
const processor = new MessageProcessor(
  loadCatalogRegistry(),
  new ParticipantDirectory(snapshot.participants, snapshot.zorgaanbieders),
  { maxMessageChars: 10_000, maxFutureSkewSeconds: 300, retentionMonths: 36 },
);
const NOW = Date.parse('2026-11-30T10:00:00.000Z');

function message(value: unknown, topic = 'ketenlog.pgo-gezondheidsapp', offset = '7'): ConsumedMessage {
  return {
    topic,
    partition: 0,
    offset,
    timestampMs: NOW,
    value: Buffer.isBuffer(value)
      ? value
      : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers: {},
  };
}

describe('MessageProcessor', () => {
  it('normalises a valid line: UTC time, offset, participants from hostnames, scope', () => {
    const l = line('send_authorization_request', { event: { datetime: '2026-11-30T10:59:00.250+01:00' } });
    const { aanlevering, events, rejections } = processor.process(message(l));
    expect(rejections).toEqual([]);
    expect(aanlevering).toMatchObject({
      technisch_ok: true,
      line_count: 1,
      received_at: '2026-11-30 10:00:00.000',
    });
    expect(parseEventRowLine(events[0].line)).toMatchObject({
      participant_id: 'pgo-gezondheidsapp',
      participant_role: 'DVP',
      event_time: '2026-11-30 09:59:00.250',
      event_utc_offset_minutes: 60,
      location_participant_id: 'pgo-gezondheidsapp',
      server_participant_id: 'dva-huisartsnet',
      zorgaanbieder: 'huisartsdeboer',
      gegevensdiensten: ['48'],
      event_step: 1,
      valid: true,
      error_codes: [],
    });
  });

  it('makes the whole aanlevering technisch niet OK when one line fails the schema', () => {
    const good = line('send_authorization_request', { event: { datetime: '2026-11-30T10:59:00.250+01:00' } });
    const bad = line('send_authorization_request', { event: { datetime: '2026-11-30T10:59:00' } });
    const { aanlevering, events, rejections } = processor.process(message([good, bad]));
    expect(events).toEqual([]);
    expect(aanlevering).toMatchObject({
      technisch_ok: false,
      line_count: 2,
      rejected_count: 1,
      message_error: 'batch.technisch-niet-ok',
    });
    expect(rejections).toHaveLength(1);
    expect(rejections[0]).toMatchObject({
      line_index: 1,
      rule_ids: ['schema.datetime'],
      pointers: ['/event/datetime'],
    });
  });

  it.each([
    ['not JSON', '{"event": ', 'message.not-json'],
    ['a number', '42', 'message.not-lines'],
    ['an empty array', '[]', 'message.empty'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'message.invalid-utf8'],
    [
      'too large',
      JSON.stringify([
        line('send_authorization_request', { request: { uri: 'x'.repeat(4000) } }),
        line('send_authorization_request', { request: { uri: 'y'.repeat(4000) } }),
        line('send_authorization_request', { request: { uri: 'z'.repeat(4000) } }),
      ]),
      'message.too-large',
    ],
  ])('rejects a message that is %s', (_what, value, rule) => {
    const { aanlevering, events, rejections } = processor.process(message(value));
    expect(events).toEqual([]);
    expect(aanlevering.technisch_ok).toBe(false);
    expect(rejections).toEqual([expect.objectContaining({ scope: 'message', rule_ids: [rule] })]);
  });

  it('rejects (does not throw on) a line whose datetime has the right shape but is no real date', () => {
    const l = line('send_authorization_request', { event: { datetime: '2026-13-45T10:00:00.000Z' } });
    const { aanlevering, events, rejections } = processor.process(message(l));
    expect(events).toEqual([]);
    expect(aanlevering.technisch_ok).toBe(false);
    expect(rejections[0].rule_ids).toEqual(['schema.datetime']);
  });

  it('rejects a message on a topic of no registered participant', () => {
    const { rejections } = processor.process(message(line('send_authorization_request'), 'ketenlog.nobody'));
    expect(rejections[0].rule_ids).toEqual(['topic.unknown-participant']);
  });

  it('flags functional errors per line and keeps the line', () => {
    const lines = [
      line('send_something_unknown', {
        event: { datetime: '2026-11-30T10:59:00.000+01:00', location: 'api.gezondheidsapp.example' },
      }),
      line('receive_authorization_request', {
        event: { datetime: '2026-11-30T10:59:00.000+01:00', location: 'api.gezondheidsapp.example' },
      }),
      line('send_authorization_request', { event: { datetime: '2026-11-30T12:00:00.000+01:00' } }),
    ];
    const { aanlevering, events } = processor.process(message(lines));
    expect(aanlevering.technisch_ok).toBe(true);
    expect(events.map((e) => parseEventRowLine(e.line).error_codes)).toEqual([
      ['catalog.unknown-event-type'],
      ['catalog.role-mismatch'],
      ['time.in-future'],
    ]);
    expect(events.every((e) => !e.valid)).toBe(true);
  });

  it('never keeps a BSN: the line is invalid and the value masked', () => {
    const l = line('send_authorization_request', {
      event: { datetime: '2026-11-30T10:59:00.000+01:00' },
      request: { uri: 'https://auth.huisartsnet.example/authorize?scope=huisartsdeboer~48&bsn=111222333' },
    });
    const { events } = processor.process(message(l));
    const row = parseEventRowLine(events[0].line);
    expect(events[0].errorCodes).toEqual(['privacy.bsn']);
    expect(row.error_codes).toEqual(['privacy.bsn']);
    expect(row.request_uri).toContain(BSN_MASK);
    expect(events[0].line).not.toContain('111222333');
  });

  it('finds a BSN written with JSON escapes, and stores it in no form', () => {
    // Fixed ids: a random UUID can hold nine digits in a row, which would let the raw-text
    // pre-check pass for the wrong reason and leave the escaped spelling untested.
    const l = line('send_authorization_request', {
      event: {
        datetime: '2026-11-30T10:59:00.000+01:00',
        session_id: 'a0b1c2d3-e4f5-4a6b-8c7d-e8f9a0b1c2d3',
        trace_id: 'f0e1d2c3-b4a5-4f6e-8d7c-b8a9f0e1d2c3',
      },
      request: { id: 'c0d1e2f3-a4b5-4c6d-8e7f-a8b9c0d1e2f3' },
      error: { code: 'x', description: 'patient 111222333' },
    });
    // Every digit a JSON escape: the raw text has no nine digits in a row.
    const escaped = [...'111222333'].map((d) => `\\u003${d}`).join('');
    const raw = JSON.stringify(l).replace('111222333', escaped);
    expect(raw).not.toMatch(/\d{9}/);
    const { events } = processor.process(message(raw));
    expect(events[0].errorCodes).toEqual(['privacy.bsn']);
    expect(parseEventRowLine(events[0].line).error_description).toBe(`patient ${BSN_MASK}`);
    expect(events[0].line).not.toContain('111222333');
  });

  it('finds a BSN with percent-encoded digits, and stores it in no form', () => {
    const l = line('send_authorization_request', {
      event: { datetime: '2026-11-30T10:59:00.000+01:00' },
      request: { uri: 'https://auth.huisartsnet.example/authorize?bsn=%31%31%31%32%32%32%33%33%33' },
    });
    const { events } = processor.process(message(l));
    expect(events[0].errorCodes).toEqual(['privacy.bsn']);
    expect(parseEventRowLine(events[0].line).request_uri).toContain(BSN_MASK);
    expect(events[0].line).not.toContain('%31%31%31%32');
  });

  it('masks a BSN in every free string of the line, the hostnames included', () => {
    // 111222333 passes the 11-check; a hostname label of nine digits is a valid hostname.
    const l = line('send_authorization_request', {
      event: { datetime: '2026-11-30T10:59:00.000+01:00', location: '111222333.huisartsnet.example' },
      request: {
        id: 'r-111222333',
        client_id: '111222333.pgo.example',
        server_id: 'srv.111222333.example',
        uri: 'https://auth.huisartsnet.example/authorize?scope=huisartsdeboer~48',
        initiated_by: 'burger 111222333',
      },
      error: { code: 'x_111222333', description: 'patient 111222333 not found' },
    });
    const { events } = processor.process(message(l));
    expect(events[0].errorCodes).toEqual(['privacy.bsn']);
    expect(events[0].line).not.toContain('111222333');
    const row = parseEventRowLine(events[0].line);
    expect(row.event_location).toBe(`${BSN_MASK.toLowerCase()}.huisartsnet.example`);
    expect(row.request_client_id).toContain(BSN_MASK.toLowerCase());
  });

  it('stores a line repeated inside one message once and counts the duplicate', () => {
    const l = line('send_authorization_request', { event: { datetime: '2026-11-30T10:59:00.000+01:00' } });
    const { aanlevering, events } = processor.process(message([l, l]));
    expect(events).toHaveLength(1);
    expect(aanlevering.duplicate_count).toBe(1);
  });

  it('gives the same aanlevering and event ids when the same message is processed again', () => {
    const l = line('send_authorization_request', { event: { datetime: '2026-11-30T10:59:00.000+01:00' } });
    const a = processor.process(message(l));
    const b = processor.process(message(l));
    expect(b.aanlevering.aanlevering_id).toBe(a.aanlevering.aanlevering_id);
    expect(b.events[0].uid).toBe(a.events[0].uid);
    expect(parseEventRowLine(a.events[0].line).event_uid).toBe(a.events[0].uid);
  });
});
