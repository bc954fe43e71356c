import { AuthConfig } from '@app/config';
import { JWTPayload, JWTVerifyGetKey, createRemoteJWKSet, jwtVerify } from 'jose';
import { AuthError, AuthErrorCode } from './auth.error';
import { PARTICIPANT_ID_FORMAT } from './dev-token';
import { Principal, ROLES, Role } from './principal';

/**
 * Verifies bearer tokens and turns their claims into a {@link Principal}. Keys come either from
 * a shared HS256 secret (tokens minted by the dev-token CLI) or from an OIDC issuer's JWKS
 * (`AUTH_JWKS_URL`, with `AUTH_ISSUER` and `AUTH_AUDIENCE` checked). Roles are read from the
 * `AUTH_ROLES_CLAIM` claim (an array of role names, or a space-separated string); participants
 * carry their id in `AUTH_PARTICIPANT_CLAIM`.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;

  constructor(
    private readonly config: AuthConfig,
    secret?: string,
  ) {
    if (config.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl));
    } else if (secret) {
      this.key = new TextEncoder().encode(secret);
    } else {
      throw new Error('TokenVerifier needs AUTH_JWKS_URL or a shared secret');
    }
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      const options = {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.config.jwksUrl ? ['RS256', 'ES256', 'PS256', 'EdDSA'] : ['HS256'],
        clockTolerance: 30,
      };
      payload =
        this.key instanceof Uint8Array
          ? (await jwtVerify(token, this.key, options)).payload
          : (await jwtVerify(token, this.key, options)).payload;
    } catch (err) {
      throw new AuthError(AuthErrorCode.InvalidToken, `Invalid token: ${(err as Error).message}`);
    }
    return this.toPrincipal(payload);
  }

  private toPrincipal(payload: JWTPayload): Principal {
    if (!payload.sub) throw new AuthError(AuthErrorCode.InvalidToken, 'Invalid token: no subject');
    const raw = payload[this.config.rolesClaim];
    const names = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(' ') : [];
    const roles = names.filter((r): r is Role => (ROLES as readonly unknown[]).includes(r));
    if (roles.length === 0) {
      throw new AuthError(AuthErrorCode.InvalidToken, 'Invalid token: no known role in the roles claim');
    }
    const participantId = payload[this.config.participantClaim];
    if (roles.includes('participant')) {
      if (typeof participantId !== 'string' || !PARTICIPANT_ID_FORMAT.test(participantId)) {
        throw new AuthError(
          AuthErrorCode.InvalidToken,
          `Invalid token: a participant token needs a ${this.config.participantClaim} claim`,
        );
      }
      return { subject: payload.sub, roles, participantId };
    }
    return { subject: payload.sub, roles };
  }
}
