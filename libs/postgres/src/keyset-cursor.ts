/** Position after the last row of a page ordered by (created_at DESC, id DESC). */
export interface KeysetPosition {
  readonly createdAt: Date;
  readonly id: string;
}

/** Opaque cursor for keyset pagination; clients pass it back unchanged. */
export function encodeKeysetCursor(p: KeysetPosition): string {
  return Buffer.from(JSON.stringify([p.createdAt.toISOString(), p.id])).toString('base64url');
}

/** The position, or undefined when the string is not a cursor this API returned. */
export function decodeKeysetCursor(cursor: string): KeysetPosition | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [at, id] = parsed as [unknown, unknown];
    if (typeof at !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const createdAt = new Date(at);
    return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id };
  } catch {
    return undefined;
  }
}
