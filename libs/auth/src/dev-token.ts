import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Role } from './principal';

/** Same shape as participant ids in the registry (topic suffixes). */
export const PARTICIPANT_ID_FORMAT = /^[a-z0-9][a-z0-9-]{1,62}$/;

export interface DevTokenRequest {
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly participantId?: string;
  readonly expiresIn?: string;
  readonly issuer: string;
  readonly audience: string;
  readonly rolesClaim?: string;
  readonly participantClaim?: string;
}

/** Mints an HS256 token the API accepts when it runs with the same shared secret. */
export async function signDevToken(secret: string, req: DevTokenRequest): Promise<string> {
  const claims: Record<string, unknown> = { [req.rolesClaim ?? 'roles']: [...req.roles] };
  if (req.participantId) claims[req.participantClaim ?? 'participant_id'] = req.participantId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(req.subject)
    .setIssuer(req.issuer)
    .setAudience(req.audience)
    .setIssuedAt()
    .setExpirationTime(req.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(secret));
}

/**
 * The shared secret when none is configured: random, created once with owner-only permissions
 * in the data directory, so a fresh embedded install is not protected by a well-known key.
 */
export function readOrCreateDevSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process created it first: use theirs, so both accept the same tokens.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw err;
  }
  chmodSync(file, 0o600);
  return secret;
}
