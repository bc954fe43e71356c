import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { AuthError, AuthErrorCode } from '@app/auth';
import { IntakeError, IntakeErrorCode } from '@app/intake';

interface HttpResponse {
  headersSent: boolean;
  setHeader(name: string, value: string): void;
  status(code: number): { json(body: unknown): void };
}

const STATUS: Record<string, number> = {
  [IntakeErrorCode.MissingCredential]: HttpStatus.UNAUTHORIZED,
  [IntakeErrorCode.InvalidCredential]: HttpStatus.UNAUTHORIZED,
  [IntakeErrorCode.RevokedCredential]: HttpStatus.FORBIDDEN,
  [IntakeErrorCode.UnknownParticipant]: HttpStatus.FORBIDDEN,
  [IntakeErrorCode.CredentialConflict]: HttpStatus.FORBIDDEN,
  [IntakeErrorCode.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [IntakeErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [IntakeErrorCode.BadEncoding]: HttpStatus.BAD_REQUEST,
  [IntakeErrorCode.MessageNotOk]: HttpStatus.BAD_REQUEST,
  [IntakeErrorCode.BatchNotOk]: HttpStatus.BAD_REQUEST,
  [IntakeErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [IntakeErrorCode.KafkaUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [IntakeErrorCode.InvalidQuery]: HttpStatus.BAD_REQUEST,
  [IntakeErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [IntakeErrorCode.InvalidInput]: HttpStatus.BAD_REQUEST,
  [AuthErrorCode.MissingToken]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.InvalidToken]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
};

/** Maps the intake's typed errors (and the operator token errors) to HTTP; nothing else leaks. */
@Catch()
export class IntakeErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(IntakeErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<HttpResponse>();
    if (response.headersSent) return;
    let status: number;
    let body: Record<string, unknown>;
    if (exception instanceof IntakeError || exception instanceof AuthError) {
      status = STATUS[exception.code] ?? HttpStatus.BAD_REQUEST;
      const details = exception instanceof IntakeError ? exception.details : undefined;
      body = { statusCode: status, code: exception.code, message: exception.message, ...details };
      if (exception instanceof IntakeError && exception.retryAfterSeconds !== undefined) {
        response.setHeader('Retry-After', String(exception.retryAfterSeconds));
      }
      if (status === HttpStatus.UNAUTHORIZED) response.setHeader('WWW-Authenticate', 'Bearer');
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const raw = exception.getResponse();
      const message =
        typeof raw === 'object' && raw !== null && 'message' in raw ? raw.message : exception.message;
      body = { statusCode: status, code: status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST', message };
    } else {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
      this.logger.error((exception as Error)?.stack ?? String(exception));
      body = { statusCode: status, code: 'INTERNAL_ERROR', message: 'Internal server error' };
    }
    response.status(status).json(body);
  }
}
