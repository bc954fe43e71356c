import { ErrorArea } from '@app/ketenlog';

/**
 * Which failures are the server side's, i.e. count against availability (bereikbaarheid):
 * the component was not able to receive or answer. Data, not code paths: an operator reading
 * this table sees the whole policy. Client-side failures (bad request parameters, a user who
 * fails DigiD, an expired grant) count as errors but not against availability.
 */
export interface FailureAttribution {
  /** Error areas that are always the server's. */
  readonly serverSideAreas: readonly ErrorArea[];
  /** OAuth error codes (error.code) that mean the server could not serve. */
  readonly serverSideErrorCodes: readonly string[];
  /** HTTP statuses at or above this are the server's. */
  readonly serverSideMinStatus: number;
}

export const DEFAULT_FAILURE_ATTRIBUTION: FailureAttribution = {
  serverSideAreas: ['technical', 'availability_check'],
  serverSideErrorCodes: ['server_error', 'temporarily_unavailable'],
  serverSideMinStatus: 500,
};

export function isServerSideFailure(
  policy: FailureAttribution,
  area: ErrorArea | '',
  errorCode: string,
  status: number,
): boolean {
  return (
    (area !== '' && policy.serverSideAreas.includes(area)) ||
    policy.serverSideErrorCodes.includes(errorCode) ||
    status >= policy.serverSideMinStatus
  );
}
