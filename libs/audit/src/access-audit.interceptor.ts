import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { AccessAuditService } from './access-audit.service';
import { PRINCIPAL_PROPERTY, Principal } from '@app/auth';
import { Observable, from, mergeMap } from 'rxjs';

interface HttpRequest {
  method: string;
  originalUrl: string;
  query: Record<string, unknown>;
  [PRINCIPAL_PROPERTY]?: Principal;
}

/**
 * Records every authenticated read in the access audit before the data leaves the process; if
 * the audit cannot be written the read fails (no unaudited reads). Denied reads are recorded by
 * the error filter.
 */
@Injectable()
export class AccessAuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AccessAuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const principal = request[PRINCIPAL_PROPERTY];
    if (request.method !== 'GET' || !principal) return next.handle();
    const [path] = request.originalUrl.split('?');
    return next
      .handle()
      .pipe(
        mergeMap((data) =>
          from(
            this.audit
              .record(
                principal,
                'read',
                path,
                Object.keys(request.query).length ? { query: request.query } : {},
              )
              .then(() => data),
          ),
        ),
      );
  }
}
