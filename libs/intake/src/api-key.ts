import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Participant API keys: `kmk_<key id>_<secret>`. The key id (16 hex) is stored in clear to find
 * the row; only the SHA-256 of the 256-bit secret is stored (a random secret needs no slow hash).
 */
export const API_KEY_PATTERN = /^kmk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface ParsedApiKey {
  readonly keyId: string;
  readonly secret: string;
}

export function generateApiKey(): { key: string; keyId: string; secretHash: string } {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `kmk_${keyId}_${secret}`, keyId, secretHash: hashSecret(secret) };
}

export function parseApiKey(key: string): ParsedApiKey | undefined {
  const match = API_KEY_PATTERN.exec(key);
  return match ? { keyId: match[1], secret: match[2] } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
