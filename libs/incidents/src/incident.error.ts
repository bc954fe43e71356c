export enum IncidentErrorCode {
  NotFound = 'INCIDENT_NOT_FOUND',
  VersionConflict = 'INCIDENT_VERSION_CONFLICT',
  PreconditionRequired = 'INCIDENT_PRECONDITION_REQUIRED',
  InvalidTransition = 'INCIDENT_INVALID_TRANSITION',
  InvalidInput = 'INCIDENT_INVALID_INPUT',
  EvaluationRequired = 'INCIDENT_EVALUATION_REQUIRED',
  ActionNotFound = 'INCIDENT_ACTION_NOT_FOUND',
}

/** A refused incident operation; the HTTP edge maps the code to a status. */
export class IncidentError extends Error {
  constructor(
    readonly code: IncidentErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'IncidentError';
  }
}
