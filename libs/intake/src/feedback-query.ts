import { LinePosition, decodeLineCursor } from './line-cursor';
import { IntakeError, IntakeErrorCode } from './intake.error';

export const MAX_PAGE = 1000;
const DEFAULT_PAGE = 100;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
// A UTC date-time as MedMij's API takes it; an offset is accepted too, a bare date is not.
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

export interface LogsQuery {
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly count: number;
  readonly valid?: boolean;
  readonly aanleveringId?: string;
  readonly after?: LinePosition;
}

export interface AanleveringenQuery {
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly count: number;
  readonly before?: { receivedAtMs: number; aanleveringId: string };
}

type Raw = Record<string, unknown>;

/** GET /logs parameters, strictly: a wrong type or an unknown name is a 400 naming it. */
export function parseLogsQuery(raw: Raw): LogsQuery {
  only(raw, ['from', 'to', 'count', 'valid', 'aanlevering', 'cursor']);
  const range = timeRange(raw);
  const valid = single(raw, 'valid');
  if (valid !== undefined && valid !== 'true' && valid !== 'false') invalid('valid', 'must be true or false');
  const aanlevering = single(raw, 'aanlevering');
  if (aanlevering !== undefined && !UUID.test(aanlevering)) invalid('aanlevering', 'must be a UUID');
  const cursor = single(raw, 'cursor');
  const after = cursor === undefined ? undefined : decodeLineCursor(cursor);
  if (cursor !== undefined && !after) invalid('cursor', 'is not a cursor this API returned');
  return {
    ...range,
    count: count(raw),
    valid: valid === undefined ? undefined : valid === 'true',
    aanleveringId: aanlevering?.toLowerCase(),
    after,
  };
}

/** GET /aanleveringen parameters. */
export function parseAanleveringenQuery(raw: Raw): AanleveringenQuery {
  only(raw, ['from', 'to', 'count', 'cursor']);
  const cursor = single(raw, 'cursor');
  let before: AanleveringenQuery['before'];
  if (cursor !== undefined) {
    before = decodeAanleveringCursor(cursor);
    if (!before) invalid('cursor', 'is not a cursor this API returned');
  }
  return { ...timeRange(raw), count: count(raw), before };
}

export function parseAanleveringId(id: string): string {
  if (!UUID.test(id)) invalid('id', 'must be a UUID');
  return id.toLowerCase();
}

export function encodeAanleveringCursor(receivedAtMs: number, aanleveringId: string): string {
  return Buffer.from(JSON.stringify([receivedAtMs, aanleveringId])).toString('base64url');
}

function decodeAanleveringCursor(cursor: string): AanleveringenQuery['before'] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [at, id] = parsed as [unknown, unknown];
    if (!Number.isSafeInteger(at) || (at as number) < 0 || typeof id !== 'string' || !UUID.test(id)) {
      return undefined;
    }
    return { receivedAtMs: at as number, aanleveringId: id };
  } catch {
    return undefined;
  }
}

function timeRange(raw: Raw): { fromMs?: number; toMs?: number } {
  const fromMs = dateTime(raw, 'from');
  const toMs = dateTime(raw, 'to');
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) invalid('from', 'must not be after to');
  return { fromMs, toMs };
}

function dateTime(raw: Raw, name: string): number | undefined {
  const value = single(raw, name);
  if (value === undefined) return undefined;
  const normalised = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const ms = DATETIME.test(value) && calendarValid(value) ? Date.parse(normalised) : NaN;
  if (!Number.isFinite(ms) || ms < 0) invalid(name, 'must be a UTC date-time such as 2026-01-31T12:00:00Z');
  return ms;
}

/** Date.parse rolls 2026-02-30 over into March: refuse dates and times that do not exist. */
function calendarValid(value: string): boolean {
  const [y, m, d, hh, mm] = [0, 5, 8, 11, 14].map((at, i) => Number(value.slice(at, at + (i === 0 ? 4 : 2))));
  const ss = value.length > 16 && value[16] === ':' ? Number(value.slice(17, 19)) : 0;
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d && hh < 24 && mm < 60 && ss < 60;
}

function count(raw: Raw): number {
  const value = single(raw, 'count');
  if (value === undefined) return DEFAULT_PAGE;
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1 || Number(value) > MAX_PAGE) {
    invalid('count', `must be a whole number from 1 to ${MAX_PAGE}`);
  }
  return Number(value);
}

function single(raw: Raw, name: string): string | undefined {
  const value = raw[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') invalid(name, 'must be given once, as a plain value');
  return value as string;
}

function only(raw: Raw, allowed: string[]): void {
  for (const name of Object.keys(raw)) {
    if (!allowed.includes(name)) {
      throw new IntakeError(
        IntakeErrorCode.InvalidQuery,
        `unknown query parameter ${JSON.stringify(name.slice(0, 50))}; allowed: ${allowed.join(', ')}`,
        { parameter: name.slice(0, 50) },
      );
    }
  }
}

function invalid(name: string, why: string): never {
  throw new IntakeError(IntakeErrorCode.InvalidQuery, `${name} ${why}`, { parameter: name });
}
