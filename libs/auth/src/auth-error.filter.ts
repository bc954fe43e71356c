import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { AuthError, AuthErrorCode } from './auth.error';

/** 401 for a missing or bad token, 403 for a token without the needed role; for APIs outside the incident API. */
@Catch(AuthError)
export class AuthErrorFilter implements ExceptionFilter {
  catch(error: AuthError, host: ArgumentsHost): void {
    const status = error.code === AuthErrorCode.Forbidden ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, code: error.code, message: error.message });
  }
}
