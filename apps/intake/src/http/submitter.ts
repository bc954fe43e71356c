import { CanActivate, ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import { TLSSocket } from 'node:tls';
import { ParticipantAuthService, PresentedCertificate, Submitter, describeCertificate } from '@app/intake';

const SUBMITTER = 'ketenmonitorSubmitter';
const PEER = Symbol('ketenmonitorPeerCertificate');

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
  socket?: Partial<TLSSocket> & { [PEER]?: PresentedCertificate | null };
  [SUBMITTER]?: Submitter;
}

/**
 * Authenticates a participant by API key (`Authorization: Bearer <key>` or `X-API-Key: <key>`)
 * and/or by a client certificate the TLS handshake verified (HTTPS with INTAKE_TLS_CLIENT_CA_FILE).
 * The participant is the credential's; nothing in the body or query can change it.
 */
@Injectable()
export class ParticipantGuard implements CanActivate {
  constructor(private readonly auth: ParticipantAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    request[SUBMITTER] = await this.auth.authenticate(
      presentedKey(request.headers),
      peerCertificate(request),
    );
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

/**
 * The client certificate of a TLS connection whose chain the handshake verified against the
 * configured CA bundle; undefined on plain HTTP, without a certificate, or when not verified
 * (the server closes such connections before any request, see createIntakeApp). Described once
 * per connection (keep-alive requests reuse it).
 */
function peerCertificate(request: HttpRequest): PresentedCertificate | undefined {
  const socket = request.socket;
  if (!socket?.encrypted || socket.authorized !== true || !socket.getPeerX509Certificate) return undefined;
  if (socket[PEER] === undefined) {
    const x509 = socket.getPeerX509Certificate();
    socket[PEER] = x509 ? describeCertificate(x509) : null;
  }
  return socket[PEER] ?? undefined;
}
