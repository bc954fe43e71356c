import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PARTICIPANT_DIRECTORY, ParticipantDirectory } from '@app/participants';
import { generateApiKey, parseApiKey, secretMatches } from './api-key';
import { ApiKeyRecord, ApiKeyRepository } from './api-key.repository';
import { IntakeError, IntakeErrorCode } from './intake.error';

/** Who is calling the intake, as proven by a credential: always exactly one participant. */
export interface Submitter {
  readonly participantId: string;
  /** The credential that proved it: `api-key:<key id>` or `client-certificate:<certificate id>`. */
  readonly credential: string;
}

/** A freshly created key: the only moment the full key is ever shown. */
export interface CreatedApiKey extends ApiKeyRecord {
  readonly apiKey: string;
}

/**
 * Creates, lists, revokes and verifies participant API keys. Verified keys are cached for
 * `apiKeyCacheMs` (a revocation elsewhere takes at most that long; one here is immediate).
 */
@Injectable()
export class ApiKeyService {
  private readonly cache = new Map<string, { submitter: Submitter; untilMs: number }>();

  constructor(
    private readonly repository: ApiKeyRepository,
    @Inject(PARTICIPANT_DIRECTORY) private readonly directory: ParticipantDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(participantId: string, label: string, createdBy: string): Promise<CreatedApiKey> {
    if (!this.directory.get(participantId)) {
      throw new IntakeError(
        IntakeErrorCode.InvalidInput,
        `participant ${JSON.stringify(participantId)} is not registered`,
      );
    }
    const { key, keyId, secretHash } = generateApiKey();
    const record = await this.repository.insert(keyId, participantId, secretHash, label, createdBy);
    return { ...record, apiKey: key };
  }

  list(participantId?: string): Promise<ApiKeyRecord[]> {
    return this.repository.list(participantId);
  }

  async revoke(keyId: string, revokedBy: string): Promise<ApiKeyRecord> {
    const revoked = await this.repository.revoke(keyId, revokedBy);
    for (const [key, entry] of this.cache) {
      if (entry.submitter.credential === `api-key:${keyId}`) this.cache.delete(key);
    }
    if (revoked) return revoked;
    const existing = await this.repository.find(keyId);
    if (!existing) throw new IntakeError(IntakeErrorCode.NotFound, `API key ${keyId} does not exist`);
    return existing;
  }

  /** The participant a presented key belongs to; throws 401/403-class errors otherwise. */
  async verify(presented: string | undefined): Promise<Submitter> {
    if (!presented) {
      throw new IntakeError(
        IntakeErrorCode.MissingCredential,
        'an API key is required (Authorization: Bearer <key> or X-API-Key)',
      );
    }
    const now = Date.now();
    const cached = this.cache.get(presented);
    if (cached && cached.untilMs > now) return this.registered(cached.submitter);
    const parsed = parseApiKey(presented);
    if (!parsed) throw new IntakeError(IntakeErrorCode.InvalidCredential, 'the API key is not valid');
    const row = await this.repository.findForVerify(parsed.keyId);
    if (!row || !secretMatches(parsed.secret, row.secretHash)) {
      throw new IntakeError(IntakeErrorCode.InvalidCredential, 'the API key is not valid');
    }
    if (row.revokedAt)
      throw new IntakeError(IntakeErrorCode.RevokedCredential, 'the API key has been revoked');
    const submitter = this.registered({
      participantId: row.participantId,
      credential: `api-key:${row.keyId}`,
    });
    if (this.config.intake.apiKeyCacheMs > 0) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(presented, { submitter, untilMs: now + this.config.intake.apiKeyCacheMs });
    }
    void this.repository.touch(row.keyId).catch(() => undefined);
    return submitter;
  }

  private registered(submitter: Submitter): Submitter {
    if (!this.directory.get(submitter.participantId)) {
      throw new IntakeError(
        IntakeErrorCode.UnknownParticipant,
        'the participant of this API key is no longer registered',
      );
    }
    return submitter;
  }
}
