import { INTAKE_RULES } from './intake-rules';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const BOM = 0xfeff;

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

/** Called once per array element: its range in the text and, when the scanner saw one, a duplicate key. */
export type ElementVisitor = (start: number, end: number, index: number, duplicateKey?: string) => void;

/**
 * Splits a JSON array into its elements without building the whole document: the caller parses
 * and validates one element at a time, so a 60 MB batch needs its text plus one line in memory.
 * It checks the array's own structure, the nesting depth and duplicate object keys (which
 * JSON.parse would silently fold into the last one); the syntax inside an element is left to
 * JSON.parse of that element. Strings are skipped with indexOf, so the scan costs little next to
 * the parse. Works on the decoded text (the caller has checked the bytes are UTF-8). Returns the
 * number of elements.
 */
export function scanBatch(text: string, maxDepth: number, visit: ElementVisitor): number {
  let i = skipWhitespace(text, text.charCodeAt(0) === BOM ? 1 : 0);
  if (i >= text.length) throw new BatchSyntaxError(INTAKE_RULES.empty, 'the body is empty', 0);
  if (text.charCodeAt(i) !== LBRACKET) {
    throw new BatchSyntaxError(INTAKE_RULES.notLines, 'the body must be a JSON array of ketenlog lines', i);
  }
  i = skipWhitespace(text, i + 1);
  if (text.charCodeAt(i) === RBRACKET) return expectEnd(text, i + 1, 0);
  const containers: number[] = [];
  const keys = new KeyStack();
  let index = 0;
  for (;;) {
    const start = i;
    let expectKey = false;
    let duplicateKey: string | undefined;
    for (;;) {
      if (i >= text.length)
        throw new BatchSyntaxError(INTAKE_RULES.notJson, 'the body ends inside the array', i);
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        const close = stringEnd(text, i);
        if (close < 0) throw new BatchSyntaxError(INTAKE_RULES.notJson, 'a string is never closed', i);
        if (expectKey) {
          const key = keyText(text, i, close);
          if (!keys.add(key)) duplicateKey ??= key;
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
        keys.open();
        expectKey = c === LBRACE;
      } else if (c === RBRACE || c === RBRACKET) {
        const open = containers.pop();
        if (open === undefined || (open === LBRACE) !== (c === RBRACE)) {
          throw new BatchSyntaxError(INTAKE_RULES.notJson, `unbalanced brackets in line ${index}`, i);
        }
        keys.close();
        expectKey = false;
      } else if (c === COMMA) {
        expectKey = containers[containers.length - 1] === LBRACE;
      }
      i++;
    }
    let end = i;
    while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
    if (end === start) throw new BatchSyntaxError(INTAKE_RULES.notJson, `line ${index} is empty`, i);
    visit(start, end, index++, duplicateKey);
    if (text.charCodeAt(i) === RBRACKET) return expectEnd(text, i + 1, index);
    i = skipWhitespace(text, i + 1);
  }
}

/**
 * The keys seen in each open object. Objects of a line hold a handful of keys, so a reused array
 * with a linear search beats a Set per object; a large object switches to a Set.
 */
class KeyStack {
  private readonly levels: (string[] | Set<string>)[] = [];
  private depth = 0;

  open(): void {
    const level = this.levels[this.depth];
    if (level === undefined || level instanceof Set) this.levels[this.depth] = [];
    else level.length = 0;
    this.depth++;
  }

  close(): void {
    this.depth--;
  }

  /** False when the innermost object already has this key. */
  add(key: string): boolean {
    const level = this.levels[this.depth - 1];
    if (level instanceof Set) {
      if (level.has(key)) return false;
      level.add(key);
      return true;
    }
    if (level.includes(key)) return false;
    if (level.length < 32) level.push(key);
    else this.levels[this.depth - 1] = new Set([...level, key]);
    return true;
  }
}

function expectEnd(text: string, from: number, count: number): number {
  const i = skipWhitespace(text, from);
  if (i !== text.length) {
    throw new BatchSyntaxError(INTAKE_RULES.notJson, 'unexpected data after the closing ]', i);
  }
  return count;
}

/** Index of the quote closing the string opened at `open`, or -1. */
function stringEnd(text: string, open: number): number {
  let j = open;
  for (;;) {
    j = text.indexOf('"', j + 1);
    if (j < 0) return -1;
    let backslashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
  }
}

/** The key as compared for duplicates: as written, or decoded when it holds escapes ("\u0061" = "a"). */
function keyText(text: string, open: number, close: number): string {
  const raw = text.slice(open + 1, close);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(open, close + 1)) as string;
  } catch {
    return raw;
  }
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}
