/**
 * The BSN guard. A BSN is 9 digits passing the 11-check (9*d1 + 8*d2 + ... + 2*d8 - d9 ≡ 0
 * mod 11). Any string value in a line containing a stand-alone 9-digit run that passes it is
 * treated as a BSN: the line is invalid and the value is never stored in clear.
 * Stand-alone means not touching another letter or digit: `?bsn=123456782`, `/123456782/`
 * and `123456782` match; a run inside a hex token (the last group of a UUID such as
 * `…-e1c123456782`) does not, or one line in a thousand would be flagged for its trace id.
 */
const NINE_DIGITS = /(?<![0-9A-Za-z])\d{9}(?![0-9A-Za-z])/g;
/** Inside a percent-encoded string a separator can look like `%7C`; there only digits bound a run. */
const NINE_DIGITS_LOOSE = /(?<!\d)\d{9}(?!\d)/g;
export const BSN_MASK = '[BSN-VERWIJDERD]';

export function isElfproefValid(digits: string): boolean {
  if (digits.length !== 9) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (digits.charCodeAt(i) - 48) * (9 - i);
  sum -= digits.charCodeAt(8) - 48;
  return sum % 11 === 0 && digits !== '000000000';
}

/**
 * True when `value` holds a BSN-like number, also behind URL encoding (`bsn%7C123456782`).
 * Cheap for the common case (no 9-digit run at all).
 */
export function containsBsn(value: string): boolean {
  if (value.length < 9) return false;
  if (scan(value, NINE_DIGITS)) return true;
  return value.includes('%') && scan(percentDecoded(value), NINE_DIGITS);
}

/** Replaces every BSN-like number in `value` by {@link BSN_MASK}. */
export function maskBsn(value: string): string {
  const masked = value.replace(NINE_DIGITS, (d) => (isElfproefValid(d) ? BSN_MASK : d));
  if (!masked.includes('%') || !scan(percentDecoded(masked), NINE_DIGITS)) return masked;
  const loose = masked.replace(NINE_DIGITS_LOOSE, (d) => (isElfproefValid(d) ? BSN_MASK : d));
  if (!scan(percentDecoded(loose), NINE_DIGITS)) return loose;
  // The digits themselves are percent-encoded (`%31%31%31…`): only the decoded text can be masked.
  return percentDecoded(loose).replace(NINE_DIGITS, (d) => (isElfproefValid(d) ? BSN_MASK : d));
}

/**
 * False only when no string in the JSON text `json` can hold a BSN-like number: no nine digits
 * in a row, counting percent-encoded digits (`%31`) as digits, and no JSON escape that could
 * hide a digit or a percent sign (`\u0031`, `\u0025`). A cheap pre-check on the raw message,
 * so that the common message (none of these) skips the walk over every string of every line.
 */
export function mayContainBsn(json: string): boolean {
  if (json.includes('\\u003') || json.includes('\\u0025')) return true;
  return json.includes('%') ? NINE_DIGIT_UNITS.test(json) : NINE_DIGIT_RUN.test(json);
}

const NINE_DIGIT_RUN = /\d{9}/;
const NINE_DIGIT_UNITS = /(?:\d|%3\d){9}/;

function scan(value: string, pattern: RegExp): boolean {
  pattern.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(value)) !== null) {
    if (isElfproefValid(m[0])) return true;
  }
  return false;
}

function percentDecoded(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value.replace(/%[0-9A-Fa-f]{2}/g, ' ');
  }
}

/** JSON pointers of every string in `node` (recursively) that contains a BSN-like number. */
export function findBsnPointers(node: unknown, pointer = ''): string[] {
  if (typeof node === 'string') return containsBsn(node) ? [pointer] : [];
  if (Array.isArray(node)) return node.flatMap((v, i) => findBsnPointers(v, `${pointer}/${i}`));
  if (node !== null && typeof node === 'object') {
    return Object.entries(node).flatMap(([k, v]) => findBsnPointers(v, `${pointer}/${escapePointer(k)}`));
  }
  return [];
}

/** A deep copy of `node` with every string BSN-masked. */
export function maskBsnDeep<T>(node: T): T {
  if (typeof node === 'string') return maskBsn(node) as T;
  if (Array.isArray(node)) return node.map((v) => maskBsnDeep(v)) as T;
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, maskBsnDeep(v)])) as T;
  }
  return node;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
