import { IntegerShape, ObjectShape, StringShape } from './line-shape';

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const DASH = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const LBRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

/**
 * The common case in one pass over the bytes: a batch in which every line is valid JSON of the
 * line schema's shape, with no duplicate keys, escapes or unusual numbers. Returns the number of
 * lines, or 0 when it is not sure, and then the full check (scan, JSON.parse, Ajv) decides and
 * names every failing line. It never builds the lines, so a batch costs no garbage, and it
 * accepts only what the full check accepts (libs/intake/src/batch-quick-check.spec.ts compares
 * the two on mutated batches). The bytes must already be known to be UTF-8.
 */
export function quickCheckBatch(b: Uint8Array, shape: ObjectShape, maxDepth: number): number {
  if (shape.depth > maxDepth) return 0;
  const n = b.length;
  let i = n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  i = skipWhitespace(b, i);
  if (i >= n || b[i] !== LBRACKET) return 0;
  i = skipWhitespace(b, i + 1);
  let lines = 0;
  for (;;) {
    i = object(b, i, shape);
    if (i < 0) return 0;
    lines++;
    i = skipWhitespace(b, i);
    if (i >= n) return 0;
    const c = b[i];
    if (c === COMMA) {
      i = skipWhitespace(b, i + 1);
    } else if (c === RBRACKET) {
      return skipWhitespace(b, i + 1) === n ? lines : 0;
    } else {
      return 0;
    }
  }
}

/** Position after the object that starts at `i`, or -1. */
function object(b: Uint8Array, at: number, shape: ObjectShape): number {
  const n = b.length;
  if (at >= n || b[at] !== LBRACE) return -1;
  let i = skipWhitespace(b, at + 1);
  let seen = 0;
  if (i < n && b[i] === RBRACE) return shape.required === 0 ? i + 1 : -1;
  for (;;) {
    if (i >= n || b[i] !== QUOTE) return -1;
    const keyStart = i + 1;
    const keyEnd = plainStringEnd(b, keyStart);
    if (keyEnd < 0) return -1;
    const field = fieldIndex(b, keyStart, keyEnd, shape.names);
    if (field < 0) return -1;
    const bit = 1 << field;
    if ((seen & bit) !== 0) return -1;
    seen |= bit;
    i = skipWhitespace(b, keyEnd + 1);
    if (i >= n || b[i] !== COLON) return -1;
    i = skipWhitespace(b, i + 1);
    const f = shape.fields[field];
    if (f.kind === 'string') i = stringValue(b, i, f);
    else if (f.kind === 'integer') i = integerValue(b, i, f);
    else i = object(b, i, f);
    if (i < 0) return -1;
    i = skipWhitespace(b, i);
    if (i >= n) return -1;
    const c = b[i];
    if (c === COMMA) {
      i = skipWhitespace(b, i + 1);
    } else if (c === RBRACE) {
      return (seen & shape.required) === shape.required ? i + 1 : -1;
    } else {
      return -1;
    }
  }
}

function stringValue(b: Uint8Array, at: number, shape: StringShape): number {
  if (at >= b.length || b[at] !== QUOTE) return -1;
  const start = at + 1;
  const end = plainStringEnd(b, start);
  if (end < 0) return -1;
  if (shape.format !== undefined && !shape.format(b, start, end)) return -1;
  if (shape.oneOf !== undefined && !oneOf(b, start, end, shape.oneOf)) return -1;
  // Ajv counts code points; in UTF-8 that is every byte but the continuation bytes.
  let length = end - start;
  if (length > shape.maxLength || length < shape.minLength) {
    length = 0;
    for (let k = start; k < end; k++) if ((b[k] & 0xc0) !== 0x80) length++;
    if (length > shape.maxLength || length < shape.minLength) return -1;
  }
  return end + 1;
}

function integerValue(b: Uint8Array, at: number, shape: IntegerShape): number {
  let i = at;
  const negative = b[i] === DASH;
  if (negative) i++;
  const from = i;
  let value = 0;
  while (i < b.length && b[i] >= ZERO && b[i] <= NINE && i - from < 15) value = value * 10 + b[i++] - ZERO;
  // No digits, a leading zero, a fraction or exponent, or a long number: the full check decides.
  if (i === from || (b[from] === ZERO && i - from > 1)) return -1;
  if (i < b.length && (b[i] === 0x2e || b[i] === 0x65 || b[i] === 0x45 || (b[i] >= ZERO && b[i] <= NINE))) {
    return -1;
  }
  if (negative) value = -value;
  return value >= shape.minimum && value <= shape.maximum ? i : -1;
}

/**
 * Index of the quote closing a string whose content starts at `start`, or -1 when the string
 * holds an escape or a control character (those go to the full check) or never ends.
 */
function plainStringEnd(b: Uint8Array, start: number): number {
  for (let k = start; k < b.length; k++) {
    const c = b[k];
    if (c === QUOTE) return k;
    if (c === BACKSLASH || c < SPACE) return -1;
  }
  return -1;
}

// A loop, not Array.some: a closure per string would be garbage (1.3 MB per 1 MB batch).
function oneOf(b: Uint8Array, start: number, end: number, values: readonly Uint8Array[]): boolean {
  for (let k = 0; k < values.length; k++) if (sameBytes(b, start, end, values[k])) return true;
  return false;
}

function fieldIndex(b: Uint8Array, start: number, end: number, names: readonly Uint8Array[]): number {
  for (let f = 0; f < names.length; f++) if (sameBytes(b, start, end, names[f])) return f;
  return -1;
}

function sameBytes(b: Uint8Array, start: number, end: number, v: Uint8Array): boolean {
  if (end - start !== v.length) return false;
  for (let k = 0; k < v.length; k++) if (b[start + k] !== v[k]) return false;
  return true;
}

function skipWhitespace(b: Uint8Array, from: number): number {
  let i = from;
  while (i < b.length) {
    const c = b[i];
    if (c !== SPACE && c !== LF && c !== CR && c !== TAB) break;
    i++;
  }
  return i;
}
