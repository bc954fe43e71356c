import { maskBsn, maskBsnDeep } from './privacy-guard';

const MAX_STRING = 256;
const MAX_EXCERPT = 4096;

/**
 * A copy of a rejected line that is safe to keep and show: BSN-like numbers masked, long
 * strings cut, the whole bounded in size.
 */
export function redactedLine(line: unknown): string {
  const text = JSON.stringify(truncateStrings(maskBsnDeep(line)));
  return text === undefined ? '' : text.length > MAX_EXCERPT ? `${text.slice(0, MAX_EXCERPT)}…` : text;
}

/** A safe excerpt of raw bytes that could not be parsed: printable, masked, at most 512 characters. */
export function redactedRaw(raw: string): string {
  const cut = raw.length > 512 ? `${raw.slice(0, 512)}…` : raw;
  // Digits and percent signs written as JSON escapes (`\u0031`) are decoded first, so that a
  // BSN spelled that way is masked like any other.
  const head = cut.replace(/\\u00(3\d|25)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return maskBsn(head).replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f\ufffd]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function truncateStrings(node: unknown, depth = 0): unknown {
  if (typeof node === 'string') return node.length > MAX_STRING ? `${node.slice(0, MAX_STRING)}…` : node;
  if (depth > 8) return '…';
  if (Array.isArray(node)) return node.slice(0, 50).map((v) => truncateStrings(v, depth + 1));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .slice(0, 50)
        .map(([k, v]) => [k.slice(0, 64), truncateStrings(v, depth + 1)]),
    );
  }
  return node;
}
