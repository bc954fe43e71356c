import { Injectable } from '@nestjs/common';
import { ApiKeyService, Submitter } from './api-key.service';
import { PresentedCertificate } from './client-certificate';
import { ClientCertificateService } from './client-certificate.service';
import { IntakeError, IntakeErrorCode } from './intake.error';

/**
 * Who a request speaks for, from its credentials only: a client certificate mapped to a
 * participant (verified by the TLS handshake), an API key, or both, in which case they must name
 * the same participant. Nothing in the body, query or other headers is ever consulted.
 */
@Injectable()
export class ParticipantAuthService {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly certificates: ClientCertificateService,
  ) {}

  async authenticate(apiKey: string | undefined, cert: PresentedCertificate | undefined): Promise<Submitter> {
    const byCertificate = cert ? await this.certificates.verify(cert) : undefined;
    if (!apiKey) {
      if (byCertificate) return byCertificate;
      if (cert) {
        throw new IntakeError(
          IntakeErrorCode.InvalidCredential,
          'the client certificate is not mapped to a participant (and no API key was sent)',
        );
      }
      throw new IntakeError(
        IntakeErrorCode.MissingCredential,
        'an API key (Authorization: Bearer <key> or X-API-Key) or a mapped client certificate is required',
      );
    }
    const byKey = await this.keys.verify(apiKey);
    if (byCertificate && byCertificate.participantId !== byKey.participantId) {
      throw new IntakeError(
        IntakeErrorCode.CredentialConflict,
        'the API key and the client certificate belong to different participants',
      );
    }
    return byCertificate ?? byKey;
  }
}
