import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { httpStatusOf } from './domain-error.filter';
import { IncidentApiMetrics } from './incident-api.metrics';

/** Observes request latency per route template, method and status. */
@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: IncidentApiMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<{ method: string; route?: { path?: string } }>();
    const started = process.hrtime.bigint();
    const observe = (status: number) =>
      this.metrics.httpDuration.observe(
        { method: request.method, route: request.route?.path ?? 'unknown', status: String(status) },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    return next.handle().pipe(
      tap({
        next: () => observe(http.getResponse<{ statusCode: number }>().statusCode),
        error: (err: unknown) => observe(httpStatusOf(err)),
      }),
    );
  }
}
