import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PARTICIPANT_DIRECTORY, ParticipantDirectory } from '@app/participants';
import { PG_UNIQUE_VIOLATION, hasSqlState } from '@app/postgres';
import { Submitter } from './api-key.service';
import {
  CertificateMatch,
  PresentedCertificate,
  canonicalDn,
  generateCertificateId,
  normaliseFingerprint,
} from './client-certificate';
import { ClientCertificateRecord, ClientCertificateRepository } from './client-certificate.repository';
import { IntakeError, IntakeErrorCode } from './intake.error';

/**
 * Maps client certificates to participants (operator: create, list, revoke) and authenticates a
 * certificate the TLS handshake verified against the configured CA bundle. The chain is the TLS
 * layer's business; this decides only which participant a verified certificate speaks for.
 * Verified certificates are cached like API keys (INTAKE_API_KEY_CACHE_MS; a revocation here is
 * immediate, elsewhere within that time).
 */
@Injectable()
export class ClientCertificateService {
  private readonly cache = new Map<string, { submitter: Submitter; untilMs: number }>();

  constructor(
    private readonly repository: ClientCertificateRepository,
    @Inject(PARTICIPANT_DIRECTORY) private readonly directory: ParticipantDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(
    participantId: string,
    match: CertificateMatch,
    label: string,
    createdBy: string,
  ): Promise<ClientCertificateRecord> {
    if (!this.directory.get(participantId)) {
      throw new IntakeError(
        IntakeErrorCode.InvalidInput,
        `participant ${JSON.stringify(participantId)} is not registered`,
      );
    }
    const row = {
      certificateId: generateCertificateId(),
      participantId,
      fingerprintSha256: null as string | null,
      subjectDn: null as string | null,
      issuerDn: null as string | null,
      label,
      createdBy,
    };
    if ('fingerprintSha256' in match) {
      row.fingerprintSha256 = normaliseFingerprint(match.fingerprintSha256) ?? null;
      if (!row.fingerprintSha256) {
        throw new IntakeError(IntakeErrorCode.InvalidInput, 'fingerprintSha256 must be 64 hex digits');
      }
    } else {
      row.subjectDn = canonicalDn(match.subjectDn) ?? null;
      row.issuerDn = canonicalDn(match.issuerDn) ?? null;
      if (!row.subjectDn || !row.issuerDn) {
        throw new IntakeError(
          IntakeErrorCode.InvalidInput,
          'subjectDn and issuerDn must be distinguished names such as "C=NL, O=Example, CN=uploader"',
        );
      }
    }
    try {
      return await this.repository.insert(row);
    } catch (err) {
      if (hasSqlState(err, PG_UNIQUE_VIOLATION)) {
        throw new IntakeError(
          IntakeErrorCode.InvalidInput,
          'this certificate is already mapped to a participant; revoke that mapping first',
        );
      }
      throw err;
    }
  }

  list(participantId?: string): Promise<ClientCertificateRecord[]> {
    return this.repository.list(participantId);
  }

  async revoke(certificateId: string, revokedBy: string): Promise<ClientCertificateRecord> {
    const revoked = await this.repository.revoke(certificateId, revokedBy);
    const credential = `client-certificate:${certificateId}`;
    for (const [key, entry] of this.cache)
      if (entry.submitter.credential === credential) this.cache.delete(key);
    if (revoked) return revoked;
    const existing = await this.repository.find(certificateId);
    if (!existing) {
      throw new IntakeError(IntakeErrorCode.NotFound, `client certificate ${certificateId} does not exist`);
    }
    return existing;
  }

  /**
   * The participant a verified certificate is mapped to; undefined when it is not mapped at all
   * (the caller may still authenticate by API key). Throws 403-class errors for a certificate
   * whose mappings are all revoked, one mapped to two participants, or a participant no longer
   * registered.
   */
  async verify(cert: PresentedCertificate): Promise<Submitter | undefined> {
    const now = Date.now();
    const cached = this.cache.get(cert.fingerprintSha256);
    if (cached && cached.untilMs > now) return this.registered(cached.submitter);
    const rows = await this.repository.matching(cert);
    if (rows.length === 0) return undefined;
    const active = rows.filter((r) => r.revokedAt === null);
    if (active.length === 0) {
      throw new IntakeError(IntakeErrorCode.RevokedCredential, 'the client certificate has been revoked');
    }
    if (new Set(active.map((r) => r.participantId)).size > 1) {
      throw new IntakeError(
        IntakeErrorCode.CredentialConflict,
        'the client certificate is mapped to more than one participant; ask the operator to fix the mapping',
      );
    }
    const row = active[0];
    const submitter = this.registered({
      participantId: row.participantId,
      credential: `client-certificate:${row.certificateId}`,
    });
    if (this.config.intake.apiKeyCacheMs > 0) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(cert.fingerprintSha256, { submitter, untilMs: now + this.config.intake.apiKeyCacheMs });
    }
    void this.repository.touch(row.certificateId).catch(() => undefined);
    return submitter;
  }

  private registered(submitter: Submitter): Submitter {
    if (!this.directory.get(submitter.participantId)) {
      throw new IntakeError(
        IntakeErrorCode.UnknownParticipant,
        'the participant of this client certificate is no longer registered',
      );
    }
    return submitter;
  }
}
