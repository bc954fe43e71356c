import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { LineError } from './line-error';
import { KetenlogLine, LINE_SCHEMA } from './line.schema';
import { lineTimeMs } from './line-time';

/**
 * The technical check of one line against {@link LINE_SCHEMA}, compiled once. The fast
 * validator stops at the first error; only a failing line is re-run to collect every error.
 */
export class LineValidator {
  private readonly fast: ValidateFunction<KetenlogLine>;
  private readonly thorough: ValidateFunction<KetenlogLine>;

  constructor() {
    // The fast one counts string lengths in UTF-16 units instead of code points: half the cost
    // of validating a line (the URI can be 4,096 characters long), and never more lenient.
    // Units are never fewer than code points, so maxLength refuses sooner, and the one
    // minLength above 1 (the event type) has an ASCII-only pattern. A line it refuses is judged
    // again by the thorough one, with the schema's own code-point semantics: same outcome.
    this.fast = new Ajv({
      allErrors: false,
      strict: true,
      // Deprecated in Ajv 8 (it warns) but still honoured. Nothing else of this instance warns:
      // strict mode throws instead.
      unicode: false,
      logger: false,
    }).compile<KetenlogLine>(LINE_SCHEMA);
    this.thorough = new Ajv({ allErrors: true, strict: true }).compile<KetenlogLine>(LINE_SCHEMA);
  }

  /** Returns no errors when the line conforms. */
  validate(line: unknown): LineError[] {
    if (this.fast(line)) return realDateTime(line) ? [] : [NOT_A_REAL_DATETIME];
    this.thorough(line);
    const errors = (this.thorough.errors ?? []).map(toLineError);
    const e = (line as { event?: { datetime?: unknown } } | null)?.event;
    if (typeof e?.datetime === 'string' && !errors.some((x) => x.pointer === '/event/datetime')) {
      if (!Number.isFinite(lineTimeMs(e.datetime))) errors.push(NOT_A_REAL_DATETIME);
    }
    return errors;
  }

  isValid(line: unknown): line is KetenlogLine {
    return this.validate(line).length === 0;
  }
}

// The pattern admits 2026-13-45T99:00:00Z; such a line would break every time computation
// downstream, so it fails the technical check like any other malformed datetime.
const NOT_A_REAL_DATETIME: LineError = {
  rule: 'schema.datetime',
  pointer: '/event/datetime',
  message: 'event.datetime is not a real date and time',
};

function realDateTime(line: KetenlogLine): boolean {
  return Number.isFinite(lineTimeMs(line.event.datetime));
}

function toLineError(e: ErrorObject): LineError {
  const base = e.instancePath;
  switch (e.keyword) {
    case 'required': {
      const field = (e.params as { missingProperty: string }).missingProperty;
      return {
        rule: 'schema.required',
        pointer: `${base}/${field}`,
        message: `${dotted(base, field)} is required`,
      };
    }
    case 'additionalProperties': {
      const field = (e.params as { additionalProperty: string }).additionalProperty;
      return {
        rule: 'schema.unknown-field',
        pointer: `${base}/${field}`,
        message: `${dotted(base, field)} is not a field of a ketenlog line`,
      };
    }
    case 'type':
      return {
        rule: 'schema.type',
        pointer: base,
        message: `${dotted(base)} must be ${e.params.type as string}`,
      };
    case 'pattern':
      return { rule: patternRule(base), pointer: base, message: patternMessage(base) };
    case 'enum':
      return {
        rule: 'schema.enum',
        pointer: base,
        message: `${dotted(base)} must be one of ${(e.params.allowedValues as string[]).filter((v) => v === v.toLowerCase()).join(', ')}`,
      };
    case 'maxLength':
    case 'minLength':
      return {
        rule: `schema.${e.keyword}`,
        pointer: base,
        message: `${dotted(base)} ${e.message ?? 'has a bad length'}`,
      };
    case 'minimum':
    case 'maximum':
      return {
        rule: 'schema.range',
        pointer: base,
        message: `${dotted(base)} ${e.message ?? 'is out of range'}`,
      };
    default:
      return {
        rule: `schema.${e.keyword}`,
        pointer: base,
        message: `${dotted(base) || 'line'} ${e.message ?? 'is invalid'}`,
      };
  }
}

function dotted(pointer: string, field?: string): string {
  const parts = pointer.split('/').filter(Boolean);
  if (field) parts.push(field);
  return parts.join('.') || 'line';
}

function patternRule(pointer: string): string {
  if (pointer === '/event/datetime') return 'schema.datetime';
  if (pointer.endsWith('_id') && pointer.startsWith('/event/')) return 'schema.uuid';
  return 'schema.pattern';
}

function patternMessage(pointer: string): string {
  switch (pointer) {
    case '/event/datetime':
      return 'event.datetime must be ISO-8601 with an offset, e.g. 2025-09-22T16:30:00.123+02:00';
    case '/event/trace_id':
    case '/event/session_id':
      return `${dotted(pointer)} must be a UUID`;
    case '/event/location':
    case '/request/client_id':
    case '/request/server_id':
      return `${dotted(pointer)} must be a hostname`;
    case '/event/type':
      return 'event.type must be a lower-case event name such as send_authorization_request';
    default:
      return `${dotted(pointer)} has the wrong format`;
  }
}
