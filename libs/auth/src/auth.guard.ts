import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthError, AuthErrorCode } from './auth.error';
import { PRINCIPAL_PROPERTY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { Principal, Role, hasRole } from './principal';
import { TokenVerifier } from './token-verifier';

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
  [PRINCIPAL_PROPERTY]?: Principal;
}

/**
 * Checks the bearer token on every endpoint not marked {@link Public} and enforces
 * {@link Roles}. Registered globally by the app, so a new endpoint is protected by default.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const header = request.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new AuthError(AuthErrorCode.MissingToken, 'A bearer token is required');
    const principal = await this.verifier.verify(match[1]);
    request[PRINCIPAL_PROPERTY] = principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed && !hasRole(principal, ...allowed)) {
      throw new AuthError(
        AuthErrorCode.Forbidden,
        `This action needs one of the roles: ${allowed.join(', ')}`,
      );
    }
    return true;
  }
}
