import { CanActivate, ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import { ApiKeyService, Submitter } from '@app/intake';

const SUBMITTER = 'ketenmonitorSubmitter';

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
  [SUBMITTER]?: Submitter;
}

/**
 * Authenticates a participant by API key (`Authorization: Bearer <key>` or `X-API-Key: <key>`).
 * The participant is the key's; nothing in the body or query can change it.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeyService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    request[SUBMITTER] = await this.keys.verify(presentedKey(request.headers));
    return true;
  }
}

/** The authenticated participant of the request. */
export const CurrentSubmitter = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Submitter =>
    ctx.switchToHttp().getRequest<HttpRequest>()[SUBMITTER] as Submitter,
);

function presentedKey(headers: HttpRequest['headers']): string | undefined {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.trim()) return apiKey.trim();
  const auth = headers['authorization'];
  if (typeof auth !== 'string') return undefined;
  const match = /^(?:Bearer|ApiKey)\s+(\S+)\s*$/i.exec(auth);
  return match ? match[1] : auth.trim() || undefined;
}
