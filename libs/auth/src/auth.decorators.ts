import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Principal, Role } from './principal';

export const ROLES_KEY = 'ketenmonitor:roles';
export const PUBLIC_KEY = 'ketenmonitor:public';

/** The roles allowed on a handler or controller; without it every authenticated role may call. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** An endpoint without a token (health, metrics, API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Request property holding the verified {@link Principal}. */
export const PRINCIPAL_PROPERTY = 'principal';

/** Injects the verified {@link Principal} of the request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<Record<string, unknown>>();
  return request[PRINCIPAL_PROPERTY] as Principal;
});
