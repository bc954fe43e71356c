import { IntakeError } from './intake.error';
import { parseAanleveringenQuery, parseLogsQuery } from './feedback-query';
import { encodeLineCursor } from './line-cursor';

const refused = (raw: Record<string, unknown>) => {
  try {
    parseLogsQuery(raw);
  } catch (err) {
    return (err as IntakeError).details?.parameter;
  }
  return undefined;
};

describe('GET /logs parameters', () => {
  it('parses the MedMij parameters', () => {
    const cursor = encodeLineCursor({
      receivedAtMs: 5,
      aanleveringId: '0b0e1c44-6a66-4a41-9c39-0b0e1c446a66',
      lineIndex: 2,
    });
    expect(
      parseLogsQuery({
        from: '2026-01-01T00:00:00Z',
        to: '2026-01-02T00:00:00',
        count: '50',
        valid: 'false',
        aanlevering: '0B0E1C44-6A66-4A41-9C39-0B0E1C446A66',
        cursor,
      }),
    ).toEqual({
      fromMs: Date.UTC(2026, 0, 1),
      toMs: Date.UTC(2026, 0, 2),
      count: 50,
      valid: false,
      aanleveringId: '0b0e1c44-6a66-4a41-9c39-0b0e1c446a66',
      after: { receivedAtMs: 5, aanleveringId: '0b0e1c44-6a66-4a41-9c39-0b0e1c446a66', lineIndex: 2 },
    });
    expect(parseLogsQuery({})).toEqual({ count: 100 });
  });

  it.each([
    [{ count: 'ten' }, 'count'],
    [{ count: '0' }, 'count'],
    [{ count: '1001' }, 'count'],
    [{ count: '1.5' }, 'count'],
    [{ count: ['1', '2'] }, 'count'],
    [{ valid: 'yes' }, 'valid'],
    [{ from: 'yesterday' }, 'from'],
    [{ from: '2026-13-01T00:00:00Z' }, 'from'],
    [{ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'from'],
    [{ aanlevering: 'x' }, 'aanlevering'],
    [{ cursor: 'garbage' }, 'cursor'],
    [{ participant: 'someone-else' }, 'participant'],
    [{ participant_id: 'x' }, 'participant_id'],
  ])('refuses %j naming %s', (raw, parameter) => {
    expect(refused(raw)).toBe(parameter);
  });

  it('refuses a participant filter on aanleveringen too', () => {
    expect(() => parseAanleveringenQuery({ participant: 'x' })).toThrow(IntakeError);
  });
});
