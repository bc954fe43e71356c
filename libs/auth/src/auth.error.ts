export enum AuthErrorCode {
  MissingToken = 'AUTH_MISSING_TOKEN',
  InvalidToken = 'AUTH_INVALID_TOKEN',
  Forbidden = 'AUTH_FORBIDDEN',
}

/** Authentication or authorisation failed; mapped to 401 / 403 at the HTTP edge. */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
