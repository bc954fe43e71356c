import { line } from '../../../test/support/lines';
import { LineValidator } from './line-validator';

describe('LineValidator', () => {
  const validator = new LineValidator();

  it('accepts a complete request line', () => {
    expect(validator.validate(line('send_authorization_request'))).toEqual([]);
  });

  it('reports every missing required field with its JSON pointer', () => {
    const bad = line('send_authorization_request') as unknown as { event: Record<string, unknown> };
    delete bad.event.trace_id;
    delete bad.event.location;
    const errors = validator.validate(bad);
    expect(errors.map((e) => [e.rule, e.pointer])).toEqual(
      expect.arrayContaining([
        ['schema.required', '/event/trace_id'],
        ['schema.required', '/event/location'],
      ]),
    );
  });

  it('refuses a timestamp without an offset', () => {
    const errors = validator.validate(
      line('send_authorization_request', { event: { datetime: '2025-09-22T16:30:00.123' } }),
    );
    expect(errors).toEqual([
      expect.objectContaining({ rule: 'schema.datetime', pointer: '/event/datetime' }),
    ]);
  });

  it('refuses a timestamp of the right shape that is no real date (month 13), also beside other errors', () => {
    const impossible = line('send_authorization_request', {
      event: { datetime: '2026-13-45T10:00:00.000Z' },
    });
    expect(validator.validate(impossible)).toEqual([
      {
        rule: 'schema.datetime',
        pointer: '/event/datetime',
        message: 'event.datetime is not a real date and time',
      },
    ]);
    expect(validator.isValid(impossible)).toBe(false);
    const alsoBad = { ...impossible, extra: 1 };
    expect(validator.validate(alsoBad).map((e) => e.rule)).toEqual([
      'schema.unknown-field',
      'schema.datetime',
    ]);
  });

  it('counts string lengths in characters: emoji up to the limit pass, one more fails', () => {
    // Each emoji is one character but two UTF-16 units: the quick check refuses 1,024 of them,
    // the thorough check must still accept them.
    const emoji = '\u{1F600}';
    const at = (n: number) =>
      line('send_authorization_request', { error: { code: 'x', description: emoji.repeat(n) } });
    expect(validator.validate(at(1024))).toEqual([]);
    expect(validator.isValid(at(1024))).toBe(true);
    expect(validator.validate(at(1025)).map((e) => [e.rule, e.pointer])).toEqual([
      ['schema.maxLength', '/error/description'],
    ]);
    expect(validator.validate(at(513)).length).toBe(0);
  });

  it('refuses wrong types and unknown fields', () => {
    const bad = {
      ...line('receive_token_response'),
      response: { request_id: 'r1', status: '200' },
      extra: 1,
    };
    const rules = validator.validate(bad).map((e) => `${e.rule} ${e.pointer}`);
    expect(rules).toEqual(
      expect.arrayContaining(['schema.type /response/status', 'schema.unknown-field /extra']),
    );
  });

  it('refuses a trace id that is not a UUID', () => {
    const errors = validator.validate(line('send_authorization_request', { event: { trace_id: 'abc' } }));
    expect(errors[0]).toMatchObject({ rule: 'schema.uuid', pointer: '/event/trace_id' });
  });
});
