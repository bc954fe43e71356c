/**
 * The BSN guard. A BSN is 9 digits passing the 11-check (9*d1 + 8*d2 + ... + 2*d8 - d9 ≡ 0
 * mod 11). Any string value in a line containing a stand-alone 9-digit run that passes it is
 * treated as a BSN: the line is invalid and the value is never stored in clear.
 */
const NINE_DIGITS = /(?<!\d)\d{9}(?!\d)/g;
export const BSN_MASK = '[BSN-VERWIJDERD]';

export function isElfproefValid(digits: string): boolean {
  if (digits.length !== 9) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (digits.charCodeAt(i) - 48) * (9 - i);
  sum -= digits.charCodeAt(8) - 48;
  return sum % 11 === 0 && digits !== '000000000';
}

/** True when `value` holds a BSN-like number. Cheap for the common case (no 9-digit run at all). */
export function containsBsn(value: string): boolean {
  if (value.length < 9) return false;
  NINE_DIGITS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NINE_DIGITS.exec(value)) !== null) {
    if (isElfproefValid(m[0])) return true;
  }
  return false;
}

/** Replaces every BSN-like number in `value` by {@link BSN_MASK}. */
export function maskBsn(value: string): string {
  return value.replace(NINE_DIGITS, (d) => (isElfproefValid(d) ? BSN_MASK : d));
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
