/** Typed errors of the participant intake; mapped to HTTP statuses only at the edge (apps/intake). */
export enum IntakeErrorCode {
  MissingCredential = 'INTAKE_MISSING_CREDENTIAL',
  InvalidCredential = 'INTAKE_INVALID_CREDENTIAL',
  RevokedCredential = 'INTAKE_REVOKED_CREDENTIAL',
  UnknownParticipant = 'INTAKE_UNKNOWN_PARTICIPANT',
  CredentialConflict = 'INTAKE_CREDENTIAL_CONFLICT',
  UnsupportedMediaType = 'INTAKE_UNSUPPORTED_MEDIA_TYPE',
  PayloadTooLarge = 'INTAKE_PAYLOAD_TOO_LARGE',
  BadEncoding = 'INTAKE_BAD_ENCODING',
  MessageNotOk = 'INTAKE_MESSAGE_NOT_OK',
  BatchNotOk = 'INTAKE_BATCH_NOT_OK',
  RateLimited = 'INTAKE_RATE_LIMITED',
  KafkaUnavailable = 'INTAKE_KAFKA_UNAVAILABLE',
  InvalidQuery = 'INTAKE_INVALID_QUERY',
  NotFound = 'INTAKE_NOT_FOUND',
  InvalidInput = 'INTAKE_INVALID_INPUT',
}

/** One failing line of a batch, as the participant sees it in a 400. */
export interface LineFailure {
  /** 0-based position of the line in the batch. */
  readonly index: number;
  readonly pointer: string;
  readonly rule: string;
  readonly message: string;
}

export class IntakeError extends Error {
  constructor(
    readonly code: IntakeErrorCode,
    message: string,
    /** Extra fields for the response body (line errors, counts, the rule). */
    readonly details?: Record<string, unknown>,
    /** Seconds the client should wait before retrying (429, 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'IntakeError';
  }
}
