/** Position after the last line of a page of GET /logs, ordered by (received_at, aanlevering, line index). */
export interface LinePosition {
  readonly receivedAtMs: number;
  readonly aanleveringId: string;
  readonly lineIndex: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque cursor; clients pass it back unchanged. */
export function encodeLineCursor(p: LinePosition): string {
  return Buffer.from(JSON.stringify([p.receivedAtMs, p.aanleveringId, p.lineIndex])).toString('base64url');
}

/** The position, or undefined when the string is not a cursor this API returned. */
export function decodeLineCursor(cursor: string): LinePosition | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
    const [at, id, index] = parsed as [unknown, unknown, unknown];
    if (!Number.isSafeInteger(at) || (at as number) < 0) return undefined;
    if (typeof id !== 'string' || !UUID.test(id)) return undefined;
    if (!Number.isSafeInteger(index) || (index as number) < 0 || (index as number) > 0xffffffff)
      return undefined;
    return { receivedAtMs: at as number, aanleveringId: id, lineIndex: index as number };
  } catch {
    return undefined;
  }
}
