export enum ComplianceErrorCode {
  NotFound = 'CASE_NOT_FOUND',
  VersionConflict = 'CASE_VERSION_CONFLICT',
  InvalidTransition = 'CASE_INVALID_TRANSITION',
  InvalidInput = 'CASE_INVALID_INPUT',
  UnknownParticipant = 'CASE_UNKNOWN_PARTICIPANT',
}

/** A refused compliance-case operation; the HTTP edge maps the code to a status. */
export class ComplianceError extends Error {
  constructor(
    readonly code: ComplianceErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ComplianceError';
  }
}
