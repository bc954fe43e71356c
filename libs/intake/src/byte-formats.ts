import { DATETIME_WITH_OFFSET } from '@app/ketenlog';

/**
 * True when bytes [start, end) of a JSON string's content (no escapes: the caller leaves strings
 * with escapes to the full check) match the format. Each checker accepts exactly what its
 * pattern in the line schema accepts, or less: a string it refuses goes to the full check.
 */
export type ByteFormat = (b: Uint8Array, start: number, end: number) => boolean;

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const HOSTNAME_PATTERN =
  '^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$';
const EVENT_NAME_PATTERN = '^[a-z][a-z0-9_]*$';

const DASH = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

// Character classes by byte, so each check is one table look-up.
const HEX = 1;
const ALNUM = 2;
const NAME = 4; // [a-z0-9_]
const CLASSES = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const ch = String.fromCharCode(c);
  CLASSES[c] =
    (/[0-9a-fA-F]/.test(ch) ? HEX : 0) |
    (/[0-9A-Za-z]/.test(ch) ? ALNUM : 0) |
    (/[0-9a-z_]/.test(ch) ? NAME : 0);
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

function isAlnum(c: number): boolean {
  return (CLASSES[c] & ALNUM) !== 0;
}

export function isUuid(b: Uint8Array, start: number, end: number): boolean {
  if (end - start !== 36) return false;
  if (b[start + 8] !== DASH || b[start + 13] !== DASH || b[start + 18] !== DASH || b[start + 23] !== DASH) {
    return false;
  }
  let all = HEX;
  for (let i = start; i < start + 8; i++) all &= CLASSES[b[i]];
  for (let i = start + 9; i < start + 13; i++) all &= CLASSES[b[i]];
  for (let i = start + 14; i < start + 18; i++) all &= CLASSES[b[i]];
  for (let i = start + 19; i < start + 23; i++) all &= CLASSES[b[i]];
  for (let i = start + 24; i < end; i++) all &= CLASSES[b[i]];
  return all !== 0;
}

/** Dot-separated labels of 1..63 letters, digits and inner hyphens; 1..253 characters. */
export function isHostname(b: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  if (length < 1 || length > 253) return false;
  let labelStart = start;
  for (let i = start; i <= end; i++) {
    const c = i === end ? DOT : b[i];
    if (c === DOT) {
      const n = i - labelStart;
      if (n < 1 || n > 63 || b[labelStart] === DASH || b[i - 1] === DASH) return false;
      labelStart = i + 1;
    } else if (c !== DASH && !isAlnum(c)) return false;
  }
  return true;
}

export function isEventName(b: Uint8Array, start: number, end: number): boolean {
  if (end <= start) return false;
  const first = b[start];
  if (first < 0x61 || first > 0x7a) return false;
  let all = NAME;
  for (let i = start + 1; i < end; i++) all &= CLASSES[b[i]];
  return all !== 0;
}

function digits(b: Uint8Array, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = b[i];
    if (!isDigit(c)) return -1;
    v = v * 10 + c - ZERO;
  }
  return v;
}

/**
 * `YYYY-MM-DDTHH:mm:ss(.f{1,9})?(Z|±hh:mm)` (the schema's pattern) that is also a real date and
 * time, as the line validator requires (Date.parse finite). Values in the usual ranges are real
 * without asking; anything else (24:00:00, month 13) is decided by Date.parse itself.
 */
export function isDateTimeWithOffset(b: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  if (length < 20 || length > 35) return false;
  const year = digits(b, start, 4);
  const month = digits(b, start + 5, 2);
  const day = digits(b, start + 8, 2);
  const hour = digits(b, start + 11, 2);
  const minute = digits(b, start + 14, 2);
  const second = digits(b, start + 17, 2);
  if (
    year < 0 ||
    month < 0 ||
    day < 0 ||
    hour < 0 ||
    minute < 0 ||
    second < 0 ||
    b[start + 4] !== DASH ||
    b[start + 7] !== DASH ||
    b[start + 10] !== 0x54 ||
    b[start + 13] !== 0x3a ||
    b[start + 16] !== 0x3a
  ) {
    return false;
  }
  let i = start + 19;
  if (b[i] === DOT) {
    const from = ++i;
    while (i < end && isDigit(b[i])) i++;
    if (i === from || i - from > 9) return false;
  }
  let offsetOk = true;
  if (b[i] === 0x5a) {
    if (i + 1 !== end) return false;
  } else {
    if ((b[i] !== 0x2b && b[i] !== DASH) || i + 6 !== end || b[i + 3] !== 0x3a) return false;
    const oh = digits(b, i + 1, 2);
    const om = digits(b, i + 4, 2);
    if (oh < 0 || om < 0) return false;
    offsetOk = oh <= 23 && om <= 59;
  }
  const usual =
    offsetOk &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59;
  if (usual) return true;
  return Number.isFinite(Date.parse(String.fromCharCode(...b.subarray(start, end))));
}

/** The hand-written checker for each pattern of the line schema, by the pattern's source. */
export const BYTE_FORMATS: ReadonlyMap<string, ByteFormat> = new Map<string, ByteFormat>([
  [UUID_PATTERN, isUuid],
  [HOSTNAME_PATTERN, isHostname],
  [EVENT_NAME_PATTERN, isEventName],
  [DATETIME_WITH_OFFSET, isDateTimeWithOffset],
]);
