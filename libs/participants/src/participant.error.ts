export enum ParticipantErrorCode {
  NotFound = 'PARTICIPANT_NOT_FOUND',
  Conflict = 'PARTICIPANT_CONFLICT',
  InvalidInput = 'PARTICIPANT_INVALID_INPUT',
  InvalidList = 'PARTICIPANT_INVALID_LIST',
}

/** A refused registry operation; the HTTP edge maps the code to a status. */
export class ParticipantError extends Error {
  constructor(
    readonly code: ParticipantErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ParticipantError';
  }
}
