import {
  Controller,
  UseFilters,
  UseGuards,
  UseInterceptors,
  UsePipes,
  ValidationPipe,
  applyDecorators,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '@app/auth';
import { AccessAuditInterceptor } from '@app/audit';
import { DomainErrorFilter } from './domain-error.filter';
import { HttpMetricsInterceptor } from './http-metrics.interceptor';

/** Rejects unknown properties and wrong types with a 400 that names the field. */
export const API_VALIDATION = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
});

/**
 * Every controller of the incident API: token checked on every endpoint (unless `@Public()`),
 * reads recorded in the access audit, domain errors mapped to HTTP, input validated. Scoped to
 * these controllers so importing the module into the all-in-one process changes nothing else.
 */
export function ApiController(path: string, tag: string) {
  return applyDecorators(
    Controller(path),
    ApiTags(tag),
    ApiBearerAuth(),
    UseGuards(AuthGuard),
    UseFilters(DomainErrorFilter),
    UseInterceptors(HttpMetricsInterceptor, AccessAuditInterceptor),
    UsePipes(API_VALIDATION),
  );
}
