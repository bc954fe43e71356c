import { randomUUID } from 'node:crypto';
import { BatchCheck } from './batch-check';
import { IntakeError, IntakeErrorCode } from './intake.error';

const line = () => ({
  event: {
    type: 'send_authorization_request',
    location: 'api.gezondheidsapp.example',
    datetime: '2026-01-31T12:00:00.000+01:00',
    trace_id: randomUUID(),
  },
});

function failure(body: string | Buffer): IntakeError {
  try {
    new BatchCheck({ maxDepth: 8, maxReportedErrors: 100 }).check(
      Buffer.isBuffer(body) ? body : Buffer.from(body),
    );
  } catch (err) {
    if (err instanceof IntakeError) return err;
    throw err;
  }
  throw new Error('expected the batch to be refused');
}

describe('BatchCheck', () => {
  const check = new BatchCheck({ maxDepth: 8, maxReportedErrors: 100 });

  it('accepts a JSON array of valid lines, with whitespace and a BOM', () => {
    const body = `\uFEFF \n[ ${JSON.stringify(line())} ,\n${JSON.stringify(line())} ]\n`;
    expect(check.check(Buffer.from(body))).toEqual({ lineCount: 2 });
  });

  it('lists every failing line with index, pointer and rule', () => {
    const bad = line() as { event: Record<string, unknown> };
    delete bad.event.trace_id;
    const err = failure(JSON.stringify([line(), bad, { event: { ...line().event, datetime: 'x' } }]));
    expect(err.code).toBe(IntakeErrorCode.BatchNotOk);
    expect(err.details?.errors).toEqual([
      expect.objectContaining({ index: 1, pointer: '/event/trace_id', rule: 'schema.required' }),
      expect.objectContaining({ index: 2, pointer: '/event/datetime', rule: 'schema.datetime' }),
    ]);
    expect(err.details).toMatchObject({ lineCount: 3, failedLineCount: 2 });
  });

  it.each([
    ['', 'message.empty'],
    ['[]', 'message.empty'],
    ['{"event":{}}', 'message.not-lines'],
    ['"text"', 'message.not-lines'],
    ['[{"a":1}', 'message.not-json'],
    ['[{"a":1}] x', 'message.not-json'],
    ['[{"a":"unterminated}]', 'message.not-json'],
    ['[1,,2]', 'message.not-json'],
    ['[{"a":[1}]', 'message.not-json'],
    [`[${'['.repeat(20)}${']'.repeat(20)}]`, 'message.too-deep'],
  ])('refuses %j as %s', (body, rule) => {
    const err = failure(body);
    expect(err.code).toBe(IntakeErrorCode.MessageNotOk);
    expect(err.details?.rule).toBe(rule);
  });

  it('refuses invalid UTF-8', () => {
    const err = failure(
      Buffer.concat([Buffer.from('[{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]')]),
    );
    expect(err.details?.rule).toBe('message.invalid-utf8');
  });

  it('refuses duplicate keys, also when written with escapes, but not the same key in sibling objects', () => {
    const l = line();
    const dup = `[{"event":${JSON.stringify(l.event)},"event":${JSON.stringify(l.event)}}]`;
    expect(failure(dup).details?.errors).toEqual([
      expect.objectContaining({ index: 0, rule: 'message.duplicate-key' }),
    ]);
    const escaped = `[{"a":1,"\\u0061":2}]`;
    expect(failure(escaped).details?.errors).toEqual([
      expect.objectContaining({ index: 0, rule: 'message.duplicate-key' }),
    ]);
    expect(check.check(Buffer.from(JSON.stringify([line(), line()])))).toEqual({ lineCount: 2 });
  });

  it('reports a line that is not JSON by its index and keeps checking the others', () => {
    const err = failure(`[${JSON.stringify(line())}, {"a": tru}, {"event": 1}]`);
    expect(err.details?.errors).toEqual([
      expect.objectContaining({ index: 1, rule: 'line.not-json' }),
      expect.objectContaining({ index: 2, rule: 'schema.type' }),
    ]);
  });

  it('handles escaped quotes and brackets inside strings', () => {
    const l = line() as { event: Record<string, unknown> };
    const body = JSON.stringify([l]).replace('"event":{', '"event":{"x":"a\\"]}[\\\\",');
    const err = failure(body);
    expect(err.details?.errors).toEqual([
      expect.objectContaining({ index: 0, rule: 'schema.unknown-field' }),
    ]);
  });
});
