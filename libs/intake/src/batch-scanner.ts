import { INTAKE_RULES } from './intake-rules';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;

/** The body is not a JSON array that can be split into lines; `offset` is the byte where it went wrong. */
export class BatchSyntaxError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'BatchSyntaxError';
  }
}

/** Called once per array element: its byte range and, when the scanner saw one, a duplicate key. */
export type ElementVisitor = (start: number, end: number, index: number, duplicateKey?: string) => void;

/**
 * Splits a JSON array into its elements without building the whole document: the caller parses
 * and validates one element at a time, so a 60 MB batch needs its bytes plus one line in memory.
 * It checks the array's own structure, the nesting depth and duplicate object keys (which
 * JSON.parse would silently fold into the last one); the syntax inside an element is left to
 * JSON.parse of that element. Strings are skipped with Buffer.indexOf, so the scan costs little
 * next to the parse. Returns the number of elements.
 */
export function scanBatch(buf: Buffer, maxDepth: number, visit: ElementVisitor): number {
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  let i = skipWhitespace(buf, bom ? 3 : 0);
  if (i >= buf.length) throw new BatchSyntaxError(INTAKE_RULES.empty, 'the body is empty', 0);
  if (buf[i] !== LBRACKET) {
    throw new BatchSyntaxError(INTAKE_RULES.notLines, 'the body must be a JSON array of ketenlog lines', i);
  }
  i = skipWhitespace(buf, i + 1);
  if (buf[i] === RBRACKET) return expectEnd(buf, i + 1, 0);
  const containers: number[] = [];
  const keys: (Set<string> | undefined)[] = [];
  let index = 0;
  for (;;) {
    const start = i;
    let expectKey = false;
    let duplicateKey: string | undefined;
    for (;;) {
      if (i >= buf.length)
        throw new BatchSyntaxError(INTAKE_RULES.notJson, 'the body ends inside the array', i);
      const c = buf[i];
      if (c === QUOTE) {
        const close = stringEnd(buf, i);
        if (close < 0) throw new BatchSyntaxError(INTAKE_RULES.notJson, 'a string is never closed', i);
        if (expectKey) {
          const top = keys.length - 1;
          const seen = keys[top] ?? (keys[top] = new Set<string>());
          const key = keyText(buf, i, close);
          if (seen.has(key)) duplicateKey ??= key;
          seen.add(key);
          expectKey = false;
        }
        i = close + 1;
        continue;
      }
      if (containers.length === 0 && (c === COMMA || c === RBRACKET)) break;
      if (c === LBRACE || c === LBRACKET) {
        if (containers.length >= maxDepth) {
          throw new BatchSyntaxError(
            INTAKE_RULES.tooDeep,
            `line ${index} is nested deeper than ${maxDepth} levels`,
            i,
          );
        }
        containers.push(c);
        keys.push(undefined);
        expectKey = c === LBRACE;
      } else if (c === RBRACE || c === RBRACKET) {
        const open = containers.pop();
        if (open === undefined || (open === LBRACE) !== (c === RBRACE)) {
          throw new BatchSyntaxError(INTAKE_RULES.notJson, `unbalanced brackets in line ${index}`, i);
        }
        keys.pop();
        expectKey = false;
      } else if (c === COMMA) {
        expectKey = containers[containers.length - 1] === LBRACE;
      }
      i++;
    }
    let end = i;
    while (end > start && isWhitespace(buf[end - 1])) end--;
    if (end === start) throw new BatchSyntaxError(INTAKE_RULES.notJson, `line ${index} is empty`, i);
    visit(start, end, index++, duplicateKey);
    if (buf[i] === RBRACKET) return expectEnd(buf, i + 1, index);
    i = skipWhitespace(buf, i + 1);
  }
}

function expectEnd(buf: Buffer, from: number, count: number): number {
  const i = skipWhitespace(buf, from);
  if (i !== buf.length) {
    throw new BatchSyntaxError(INTAKE_RULES.notJson, 'unexpected data after the closing ]', i);
  }
  return count;
}

/** Index of the quote closing the string opened at `open`, or -1. */
function stringEnd(buf: Buffer, open: number): number {
  let j = open;
  for (;;) {
    j = buf.indexOf(QUOTE, j + 1);
    if (j < 0) return -1;
    let backslashes = 0;
    for (let k = j - 1; buf[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
  }
}

/** The key as compared for duplicates: raw bytes, or decoded when it holds escapes ("\u0061" = "a"). */
function keyText(buf: Buffer, open: number, close: number): string {
  const raw = buf.toString('latin1', open + 1, close);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(buf.toString('utf8', open, close + 1)) as string;
  } catch {
    return raw;
  }
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipWhitespace(buf: Buffer, from: number): number {
  let i = from;
  while (i < buf.length && isWhitespace(buf[i])) i++;
  return i;
}
