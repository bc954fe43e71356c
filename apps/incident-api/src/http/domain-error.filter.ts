import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { AccessAuditService } from '@app/audit';
import { AuthError, AuthErrorCode, PRINCIPAL_PROPERTY, Principal } from '@app/auth';
import { ComplianceError, ComplianceErrorCode } from '@app/compliance';
import { IncidentError, IncidentErrorCode } from '@app/incidents';
import { ParticipantError, ParticipantErrorCode } from '@app/participants';
import { WebhookError, WebhookErrorCode } from '@app/webhooks';

interface HttpRequest {
  method: string;
  originalUrl: string;
  [PRINCIPAL_PROPERTY]?: Principal;
}
interface HttpResponse {
  status(code: number): { json(body: unknown): void };
}

const STATUS: Record<string, number> = {
  [AuthErrorCode.MissingToken]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.InvalidToken]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [IncidentErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [IncidentErrorCode.ActionNotFound]: HttpStatus.NOT_FOUND,
  [IncidentErrorCode.VersionConflict]: HttpStatus.CONFLICT,
  [IncidentErrorCode.PreconditionRequired]: HttpStatus.PRECONDITION_REQUIRED,
  [IncidentErrorCode.InvalidTransition]: HttpStatus.CONFLICT,
  [IncidentErrorCode.EvaluationRequired]: HttpStatus.CONFLICT,
  [IncidentErrorCode.InvalidInput]: HttpStatus.BAD_REQUEST,
  [ComplianceErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ComplianceErrorCode.VersionConflict]: HttpStatus.CONFLICT,
  [ComplianceErrorCode.InvalidTransition]: HttpStatus.CONFLICT,
  [ComplianceErrorCode.InvalidInput]: HttpStatus.BAD_REQUEST,
  [ComplianceErrorCode.UnknownParticipant]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ParticipantErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ParticipantErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ParticipantErrorCode.InvalidInput]: HttpStatus.BAD_REQUEST,
  [ParticipantErrorCode.InvalidList]: HttpStatus.UNPROCESSABLE_ENTITY,
  [WebhookErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [WebhookErrorCode.InvalidUrl]: HttpStatus.BAD_REQUEST,
  [WebhookErrorCode.InvalidEventType]: HttpStatus.BAD_REQUEST,
};

type DomainError = AuthError | IncidentError | ComplianceError | ParticipantError | WebhookError;

/** Maps the typed errors of the libs to HTTP statuses with a stable `code`; nothing else leaks. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainErrorFilter.name);

  constructor(private readonly audit: AccessAuditService) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<HttpRequest>();
    const response = host.switchToHttp().getResponse<HttpResponse>();
    let status: number;
    let body: Record<string, unknown>;
    if (isDomainError(exception)) {
      status = STATUS[exception.code] ?? HttpStatus.BAD_REQUEST;
      const details = 'details' in exception ? exception.details : undefined;
      body = {
        statusCode: status,
        code: exception.code,
        message: exception.message,
        ...(details ? { details } : {}),
      };
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const raw = exception.getResponse();
      const message =
        typeof raw === 'object' && raw !== null && 'message' in raw ? raw.message : exception.message;
      body = { statusCode: status, code: httpCode(status), message };
    } else {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
      this.logger.error((exception as Error)?.stack ?? String(exception));
      body = { statusCode: status, code: 'INTERNAL_ERROR', message: 'Internal server error' };
    }
    const principal = request[PRINCIPAL_PROPERTY];
    if (principal && request.method === 'GET' && (status === 403 || status === 404)) {
      await this.audit
        .record(principal, 'read', request.originalUrl.split('?')[0], { status }, 'denied')
        .catch((err: Error) => this.logger.error(`Access audit failed: ${err.message}`));
    }
    response.status(status).json(body);
  }
}

/** The HTTP status an error maps to (also used to label metrics). */
export function httpStatusOf(exception: unknown): number {
  if (isDomainError(exception)) return STATUS[exception.code] ?? HttpStatus.BAD_REQUEST;
  if (exception instanceof HttpException) return exception.getStatus();
  return HttpStatus.INTERNAL_SERVER_ERROR;
}

function isDomainError(e: unknown): e is DomainError {
  return (
    e instanceof AuthError ||
    e instanceof IncidentError ||
    e instanceof ComplianceError ||
    e instanceof ParticipantError ||
    e instanceof WebhookError
  );
}

function httpCode(status: number): string {
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 404) return 'NOT_FOUND';
  if (status >= 500) return 'INTERNAL_ERROR';
  return 'BAD_REQUEST';
}
